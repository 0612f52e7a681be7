import Postgres

/// The temporary table a file's valid rows are COPYed into, and the set-based SQL that moves them into place.
///
/// Identifiers come from this fixed allowlist per kind, never from input.
struct StagingTable {
    let kind: IngestKind

    struct Outcome {
        var loaded = 0
        var duplicates = 0
        var conflicts = 0
    }

    /// (column, type) in the order of `IngestKind.stagingColumns`.
    var columns: [(name: String, type: String)] {
        switch kind {
        case .users:
            [("user_id", "text"), ("signed_up_at", "timestamptz"), ("channel", "text"), ("country", "text")]
        case .usage:
            [
                ("event_id", "text"), ("user_id", "text"), ("occurred_at", "timestamptz"), ("feature", "text"),
                ("model", "text"), ("input_tokens", "bigint"), ("output_tokens", "bigint"),
                ("cached_input_tokens", "bigint"), ("cost", "numeric"), ("cost_currency", "text"),
            ]
        case .feedback:
            [
                ("event_id", "text"), ("user_id", "text"), ("occurred_at", "timestamptz"), ("feature", "text"),
                ("rating", "smallint"), ("comment", "text"),
            ]
        case .payments:
            [
                ("payment_id", "text"), ("user_id", "text"), ("occurred_at", "timestamptz"), ("kind", "text"),
                ("amount", "numeric"), ("currency", "text"), ("plan", "text"), ("interval", "text"),
                ("period_start", "timestamptz"), ("period_end", "timestamptz"), ("refund_of", "text"),
            ]
        case .modelPrices:
            [
                ("model", "text"), ("effective_from", "timestamptz"), ("input_per_mtok", "numeric"),
                ("output_per_mtok", "numeric"), ("cached_input_per_mtok", "numeric"), ("currency", "text"),
            ]
        case .fxRates:
            [("currency", "text"), ("date", "timestamptz"), ("rate", "numeric")]
        case .features:
            [("feature", "text"), ("display_name", "text"), ("value_per_call", "numeric")]
        }
    }

    /// Whether rows carry a content digest (`content_hash`, migration 0015): the kinds of the direct path.
    var hasDigest: Bool { kind == .usage || kind == .feedback }

    /// The columns of a staged row as COPYed: the fields, the line number, the digest where there is one.
    var columnList: String {
        (columns.map(\.name) + ["line_number"] + (hasDigest ? ["content_hash"] : []))
            .map { "\"\($0)\"" }.joined(separator: ", ")
    }

    var createStatement: String {
        let definitions =
            columns.map { "\"\($0.name)\" \($0.type)" } + ["line_number bigint not null"]
            + (hasDigest ? ["content_hash bigint"] : [])
        return "create temp table stage (\(definitions.joined(separator: ", "))) on commit drop"
    }

    /// The stored table and its key for event kinds (deduplicated), nil for reference kinds (upserted).
    var eventTarget: (table: String, key: String)? {
        switch kind {
        case .usage: ("events.usage", "event_id")
        case .feedback: ("events.feedback", "event_id")
        case .payments: ("events.payments", "payment_id")
        default: nil
        }
    }

    /// Classifies and moves the staged rows. Conflicts go to the quarantine. When the file ends up above the
    /// bad-row threshold nothing is written to the target tables (the caller marks the file rejected).
    func settle(
        connection: Connection, loadID: Int64, fileName: String, stagedRows: Int, maxBadRows: Double,
        alreadyQuarantined: Int, repeatCandidates: [Int64]? = nil
    ) throws -> Outcome {
        var outcome = Outcome()
        try connection.execute("analyze pg_temp.stage")
        if kind == .payments {
            // A service period that ends before it starts can only be seen once the bare dates are instants.
            let bad = try connection.execute(
                """
                with bad as (
                    delete from pg_temp.stage
                    where kind = 'charge' and interval <> 'one_time' and period_end is not null
                      and period_end <= coalesce(period_start, occurred_at)
                    returning *
                )
                insert into ingest.quarantine (load_id, file_name, line_number, kind, reason, field, message, raw)
                select $1, $2, line_number, 'payments', 'out_of_range', 'period_end',
                       'period_end is not after the period start', bad::text
                from bad
                """, [loadID, fileName])
            outcome.conflicts += bad
        }
        guard let target = eventTarget else {
            let staged = stagedRows - outcome.conflicts
            outcome.loaded = staged
            if Double(alreadyQuarantined + outcome.conflicts) <= maxBadRows {
                try upsertReference(connection: connection, loadID: loadID)
            }
            return outcome
        }
        let key = target.key
        let contentColumns = columns.map(\.name).filter { $0 != key }
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let staged = stagedRows - outcome.conflicts
        if Double(alreadyQuarantined + outcome.conflicts) > maxBadRows {
            // Rejected already: nothing is inserted; the good rows are counted as not stored.
            outcome.loaded = staged
            return outcome
        }
        // Rows of keys already stored, compared with the stored row in the same pass (one probe per staged row).
        let sameContent = contentColumns.map { "s.\"\($0)\" is not distinct from e.\"\($0)\"" }
            .joined(separator: " and ")
        let classify = """
            select s.line_number,
                   case when \(sameContent) then 'duplicate'
                        when e.load_id = $1 then 'conflict_in_file'
                        else 'conflict_stored'
                   end as class,
                   e.load_id as stored_load_id,
                   e.line_number as stored_line
            """
        let matched = try connection.execute(
            """
            create temp table stage_class on commit drop as
            \(classify)
            from pg_temp.stage s
            join \(target.table) e on e."\(key)" = s."\(key)"
            """, [loadID])
        // Later rows of a key repeated within the file (and not stored): the first one is inserted, these are
        // compared with it afterwards. When the loader knows which rows may be such later rows, only those are
        // looked at; when it knows none is, the check is skipped.
        var repeats = 0
        if let candidates = repeatCandidates {
            if !candidates.isEmpty {
                repeats = try connection.execute(
                    """
                    create temp table stage_repeats on commit drop as
                    select s.line_number
                    from pg_temp.stage s
                    where s.line_number = any($1::bigint[])
                      and exists (select 1 from pg_temp.stage f
                                  where f."\(key)" = s."\(key)" and f.line_number < s.line_number)
                      and not exists (select 1 from pg_temp.stage_class c where c.line_number = s.line_number)
                    """, ["{" + candidates.map(String.init).joined(separator: ",") + "}"])
            }
        } else {
            repeats = try connection.execute(
                """
                create temp table stage_repeats on commit drop as
                select s.line_number
                from pg_temp.stage s
                join (select "\(key)", min(line_number) as first_line from pg_temp.stage
                      group by "\(key)" having count(*) > 1) r
                  on r."\(key)" = s."\(key)" and s.line_number <> r.first_line
                where not exists (select 1 from pg_temp.stage_class c where c.line_number = s.line_number)
                """, [])
        }
        let checkedRepeats = repeatCandidates.map { !$0.isEmpty } ?? true
        // A re-sent file: every staged row matched a stored one, nothing to insert.
        let inserted =
            matched >= staged
            ? 0
            : try connection.execute(
                """
                insert into \(target.table) (\(names), load_id, line_number\(hasDigest ? ", content_hash" : ""))
                select \(columns.map { "s.\"\($0.name)\"" }.joined(separator: ", ")), $1, s.line_number
                       \(hasDigest ? ", s.content_hash" : "")
                from pg_temp.stage s
                where not exists (select 1 from pg_temp.stage_class c where c.line_number = s.line_number)
                \(checkedRepeats
                    ? "and not exists (select 1 from pg_temp.stage_repeats r where r.line_number = s.line_number)"
                    : "")
                """, [loadID])
        outcome.loaded = inserted
        guard inserted < staged else { return outcome }
        if repeats > 0 {
            try connection.execute(
                """
                insert into pg_temp.stage_class
                \(classify)
                from pg_temp.stage_repeats r
                join pg_temp.stage s on s.line_number = r.line_number
                join \(target.table) e on e."\(key)" = s."\(key)"
                """, [loadID])
        }
        for row in try connection.query("select class, count(*) as n from pg_temp.stage_class group by class") {
            let n = try row.require(Int.self, "n")
            if row["class"] == "duplicate" { outcome.duplicates = n } else { outcome.conflicts += n }
        }
        try connection.execute(
            """
            insert into ingest.quarantine (load_id, file_name, line_number, kind, reason, field, message, raw)
            select $1, $2, c.line_number, $3, 'conflicting_duplicate', $4,
                   case c.class
                       when 'conflict_in_file' then
                           $4 || ' ' || s."\(key)" || ' first appears with other content at line ' || c.stored_line
                           || ' of this file'
                       else
                           $4 || ' ' || s."\(key)" || ' is already stored with other content, from '
                           || coalesce(l.file_name, 'load ' || c.stored_load_id) || ' line ' || c.stored_line
                   end,
                   row(\((columns.map(\.name) + ["line_number"]).map { "s.\"\($0)\"" }.joined(separator: ", ")))::text
            from pg_temp.stage_class c
            join pg_temp.stage s on s.line_number = c.line_number
            left join ingest.loads l on l.load_id = c.stored_load_id
            where c.class <> 'duplicate'
            """, [loadID, fileName, kind.rawValue, key])
        if Double(alreadyQuarantined + outcome.conflicts) > maxBadRows {
            // Rejected after all: take back what this file inserted (rare; the quarantine rows stay).
            try connection.execute("delete from \(target.table) where load_id = $1", [loadID])
        }
        return outcome
    }

    func upsertReference(connection: Connection, loadID: Int64) throws {
        let sql: String
        switch kind {
        case .users:
            sql = """
                insert into events.users (user_id, signed_up_at, channel, country, load_id, line_number)
                select distinct on (user_id) user_id, signed_up_at, channel, country, $1, line_number
                from pg_temp.stage order by user_id, line_number desc
                on conflict (user_id) do update set signed_up_at = excluded.signed_up_at,
                    channel = excluded.channel, country = excluded.country, load_id = excluded.load_id,
                    line_number = excluded.line_number
                """
        case .modelPrices:
            sql = """
                insert into catalog.model_prices (model, effective_from, input_per_mtok, output_per_mtok,
                    cached_input_per_mtok, currency, load_id)
                select distinct on (model, effective_from::date) model, effective_from::date, input_per_mtok,
                    output_per_mtok, coalesce(cached_input_per_mtok, input_per_mtok), coalesce(currency, 'USD'), $1
                from pg_temp.stage order by model, effective_from::date, line_number desc
                on conflict (model, effective_from) do update set input_per_mtok = excluded.input_per_mtok,
                    output_per_mtok = excluded.output_per_mtok, cached_input_per_mtok = excluded.cached_input_per_mtok,
                    currency = excluded.currency, load_id = excluded.load_id
                """
        case .fxRates:
            sql = """
                insert into catalog.fx_rates (currency, date, rate, load_id)
                select distinct on (currency, date::date) currency, date::date, rate, $1
                from pg_temp.stage order by currency, date::date, line_number desc
                on conflict (currency, date) do update set rate = excluded.rate, load_id = excluded.load_id
                """
        case .features:
            sql = """
                insert into catalog.features (feature, display_name, value_per_call, load_id)
                select distinct on (feature) feature, display_name, value_per_call, $1
                from pg_temp.stage order by feature, line_number desc
                on conflict (feature) do update set display_name = excluded.display_name,
                    value_per_call = excluded.value_per_call, load_id = excluded.load_id
                """
        case .usage, .feedback, .payments:
            return
        }
        try connection.execute(sql, [loadID])
    }
}
