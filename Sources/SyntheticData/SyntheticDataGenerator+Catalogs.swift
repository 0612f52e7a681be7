import Foundation

/// The reference files: features, model prices and FX rates.
extension SyntheticDataGenerator {
    /// `features.csv`, written as a spreadsheet would export it: UTF-8 byte-order mark and CRLF line ends.
    func writeFeatures(to directory: URL) throws -> GeneratorSummary.File {
        let name = "features.csv"
        let out = try ByteWriter(url: directory.appendingPathComponent(name))
        out.bytes([0xEF, 0xBB, 0xBF])
        out.text("feature,display_name,value_per_call")
        out.endLine(crlf: true)
        for feature in FeatureSpec.all {
            out.csvField(feature.name)
            out.byte(44)
            out.csvField(feature.displayName)
            out.byte(44)
            if let value = feature.valuePerCall { out.decimal(value, scale: 6, trim: true) }
            out.endLine(crlf: true)
        }
        let bytes = try out.finish()
        return GeneratorSummary.File(name: name, kind: "features", rows: FeatureSpec.all.count, bytes: bytes)
    }

    /// `model_prices.csv`: every model from a year before the range, and new prices for some from the middle.
    func writeModelPrices(to directory: URL, population: Population) throws -> GeneratorSummary.File {
        let name = "model_prices.csv"
        let out = try ByteWriter(url: directory.appendingPathComponent(name))
        out.text("model,effective_from,input_per_mtok,output_per_mtok,cached_input_per_mtok,currency")
        out.endLine()
        let first = CivilTime.days(year: options.startMonth.year - 1, month: 1, day: 1)
        let change = SyntheticDataGenerator.priceChangeDay(population: population)
        var rows = 0
        for model in ModelSpec.all {
            for (day, price) in [(first, Optional(model.price)), (change, model.newPrice)] {
                guard let price else { continue }
                out.text(model.name)
                out.byte(44)
                out.date(days: day)
                out.byte(44)
                out.decimal(price.input, scale: 6, trim: true)
                out.byte(44)
                out.decimal(price.output, scale: 6, trim: true)
                out.byte(44)
                if let cached = price.cachedInput { out.decimal(cached, scale: 6, trim: true) }
                out.text(",USD")
                out.endLine()
                rows += 1
            }
        }
        let bytes = try out.finish()
        return GeneratorSummary.File(name: name, kind: "model_prices", rows: rows, bytes: bytes)
    }

    /// `fx_rates.csv`: a daily random walk per enabled currency, working days only (weekend gaps), from two
    /// weeks before the range to its last day. nil when only USD is used.
    func writeFxRates(to directory: URL, population: Population) throws -> GeneratorSummary.File? {
        let currencies = population.enabledCurrencies.sorted().filter { $0 != CurrencySpec.usd }
        guard !currencies.isEmpty else { return nil }
        let name = "fx_rates.csv"
        let out = try ByteWriter(url: directory.appendingPathComponent(name))
        out.text("currency,date,rate")
        out.endLine()
        let firstDay = CivilTime.dayNumber(population.rangeStart) - 14
        let lastDay = CivilTime.dayNumber(population.rangeEnd) - 1
        var rows = 0
        for currency in currencies {
            let spec = CurrencySpec.all[currency]
            var rng = Rng(seed: options.seed, 4, UInt64(currency))
            var rate = Double(spec.startRate)
            var day = firstDay
            while day <= lastDay {
                defer { day += 1 }
                guard CivilTime.weekday(days: day) < 5 else { continue }
                rate *= 1 + 0.003 * rng.normal()
                out.text(spec.code)
                out.byte(44)
                out.date(days: day)
                out.byte(44)
                out.decimal(Int64(rate.rounded()), scale: 6)
                out.endLine()
                rows += 1
            }
        }
        let bytes = try out.finish()
        return GeneratorSummary.File(name: name, kind: "fx_rates", rows: rows, bytes: bytes)
    }
}
