/// A product feature: how popular it is with free users and with payers, which models serve it, its token
/// profile (log-normal medians and spreads), how often prompts hit the cache, and how well users like it.
struct FeatureSpec: Sendable {
    let name: String
    let displayName: String
    /// Micro-USD a call is worth to the user; nil leaves `value_per_call` empty.
    let valuePerCall: Int64?
    let freeWeight: Double
    let payerWeight: Double
    /// (model index into `ModelSpec.all`, weight)
    let models: [(Int, Double)]
    let inputMedian: Double
    let inputSigma: Double
    let outputMedian: Double
    let outputSigma: Double
    let cacheProbability: Double
    /// Mean rating on the 1–5 scale before user mood and noise.
    let quality: Double

    // The display names carry a comma, quotes and non-ASCII on purpose: the CSV must quote them correctly.
    static let all: [FeatureSpec] = [
        FeatureSpec(
            name: "chat", displayName: "Chat", valuePerCall: 10_000, freeWeight: 30, payerWeight: 14,
            models: [(ModelSpec.orionSmall, 0.75), (ModelSpec.orionLarge, 0.25)],
            inputMedian: 3_000, inputSigma: 0.8, outputMedian: 450, outputSigma: 0.6, cacheProbability: 0.4,
            quality: 4.1),
        FeatureSpec(
            name: "summarize", displayName: "Summarize", valuePerCall: 50_000, freeWeight: 10, payerWeight: 12,
            models: [(ModelSpec.orionSmall, 0.8), (ModelSpec.vegaPro, 0.2)],
            inputMedian: 12_000, inputSigma: 0.7, outputMedian: 500, outputSigma: 0.5, cacheProbability: 0.1,
            quality: 4.0),
        FeatureSpec(
            name: "translate", displayName: "Translate", valuePerCall: 20_000, freeWeight: 12, payerWeight: 6,
            models: [(ModelSpec.lyra8b, 0.9), (ModelSpec.orionSmall, 0.1)],
            inputMedian: 1_200, inputSigma: 0.6, outputMedian: 1_300, outputSigma: 0.6, cacheProbability: 0,
            quality: 4.3),
        FeatureSpec(
            name: "code_assist", displayName: "Code assist", valuePerCall: 250_000, freeWeight: 5,
            payerWeight: 20,
            models: [(ModelSpec.vegaPro, 0.6), (ModelSpec.orionLarge, 0.4)],
            inputMedian: 30_000, inputSigma: 0.9, outputMedian: 1_500, outputSigma: 0.7, cacheProbability: 0.6,
            quality: 4.0),
        FeatureSpec(
            name: "image_caption", displayName: "Image captions", valuePerCall: 30_000, freeWeight: 14,
            payerWeight: 3,
            models: [(ModelSpec.vegaPro, 1.0)],
            inputMedian: 45_000, inputSigma: 0.5, outputMedian: 200, outputSigma: 0.4, cacheProbability: 0,
            quality: 3.4),
        FeatureSpec(
            name: "search", displayName: "Search, web & docs", valuePerCall: 40_000, freeWeight: 12,
            payerWeight: 10,
            models: [(ModelSpec.lyra8b, 0.5), (ModelSpec.orionSmall, 0.5)],
            inputMedian: 6_000, inputSigma: 0.6, outputMedian: 300, outputSigma: 0.5, cacheProbability: 0.2,
            quality: 3.9),
        FeatureSpec(
            name: "rewrite", displayName: "Rewrite (\"polish\")", valuePerCall: 15_000, freeWeight: 10,
            payerWeight: 7,
            models: [(ModelSpec.orionSmall, 1.0)],
            inputMedian: 900, inputSigma: 0.6, outputMedian: 900, outputSigma: 0.6, cacheProbability: 0.05,
            quality: 4.2),
        FeatureSpec(
            name: "classify", displayName: "Classify", valuePerCall: nil, freeWeight: 2, payerWeight: 10,
            models: [(ModelSpec.lyra8b, 1.0)],
            inputMedian: 600, inputSigma: 0.5, outputMedian: 8, outputSigma: 0.3, cacheProbability: 0.3,
            quality: 4.4),
        FeatureSpec(
            name: "voice_transcribe", displayName: "Voice → text", valuePerCall: 50_000, freeWeight: 5,
            payerWeight: 6,
            models: [(ModelSpec.orionSmall, 1.0)],
            inputMedian: 7_000, inputSigma: 0.7, outputMedian: 1_100, outputSigma: 0.6, cacheProbability: 0,
            quality: 3.8),
        FeatureSpec(
            name: "agent_run", displayName: "Agent run", valuePerCall: 1_000_000, freeWeight: 7, payerWeight: 10,
            models: [(ModelSpec.orionLarge, 0.8), (ModelSpec.vegaPro, 0.2)],
            inputMedian: 120_000, inputSigma: 0.9, outputMedian: 5_000, outputSigma: 0.8, cacheProbability: 0.7,
            quality: 3.6),
    ]
}
