/// A model and its price per million tokens in micro-USD, before and after the one mid-period price change.
struct ModelSpec: Sendable {
    struct Price: Sendable {
        let input: Int64
        let output: Int64
        /// nil: the column is left empty, so the loader's default (the input price) applies.
        let cachedInput: Int64?

        var effectiveCachedInput: Int64 { cachedInput ?? input }
    }

    let name: String
    let price: Price
    /// nil when the price does not change during the period.
    let newPrice: Price?

    static let all: [ModelSpec] = [
        ModelSpec(
            name: "orion-large",
            price: Price(input: 3_000_000, output: 15_000_000, cachedInput: 300_000),
            newPrice: Price(input: 2_500_000, output: 12_500_000, cachedInput: 250_000)),
        ModelSpec(
            name: "orion-small",
            price: Price(input: 250_000, output: 1_250_000, cachedInput: 25_000),
            newPrice: nil),
        ModelSpec(
            name: "vega-pro",
            price: Price(input: 2_500_000, output: 10_000_000, cachedInput: 1_250_000),
            newPrice: Price(input: 2_000_000, output: 8_000_000, cachedInput: 1_000_000)),
        ModelSpec(
            name: "lyra-8b",
            price: Price(input: 50_000, output: 80_000, cachedInput: nil),
            newPrice: nil),
    ]

    static let orionLarge = 0
    static let orionSmall = 1
    static let vegaPro = 2
    static let lyra8b = 3
}
