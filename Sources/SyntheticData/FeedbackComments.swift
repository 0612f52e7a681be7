/// Free-text feedback, by sentiment. Commas, quotes, a backslash, a line break, emoji and non-Latin scripts are
/// there on purpose: writers must quote and escape them correctly, readers must keep them intact.
enum FeedbackComments {
    static let positive: [String] = [
        "Great, saved me an hour",
        "Works \"like magic\"",
        "Très utile, merci !",
        "Perfect summary.",
        "素晴らしい、ありがとう",
        "Fast and accurate, thanks",
        "Love it 👍",
        "Exactly what I needed",
    ]
    static let neutral: [String] = [
        "OK, but a bit slow",
        "Fine.\nCould be shorter",
        "Decent; the output needed edits, though",
        "Not bad — not great",
        "It's fine for drafts",
    ]
    static let negative: [String] = [
        "Wrong answer, again",
        "Too slow, \"thinking\" forever",
        "Made up a citation; unusable",
        "Did not understand the path C:\\Users\\me\\notes.txt",
        "Caption was wrong: it said \"dog\", it's a cat",
        "Too expensive for what it does",
    ]

    static func pick(rating: Int, rng: inout Rng) -> String {
        let list = rating >= 4 ? positive : (rating == 3 ? neutral : negative)
        return list[rng.below(list.count)]
    }
}
