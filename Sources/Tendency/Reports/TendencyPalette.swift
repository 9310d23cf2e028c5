/// Colours for tendencies: the Okabe & Ito (2008) colour-blind-safe palette,
/// in an order that keeps the first ones far apart. Colours follow a
/// tendency's position in the report, so every figure agrees.
struct TendencyPalette {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
    /// For branches and cells that belong to no single tendency.
    static let neutral = "#9A9A9A"

    /// Text colour readable on `background` (a palette colour).
    static func textColour(on background: String) -> String {
        ["#E69F00", "#F0E442", "#56B4E9", "#CC79A7", neutral].contains(background) ? "#1A1A1A" : "#FFFFFF"
    }

    private let position: [Int: Int]

    init(tendencyIDs: [Int]) {
        var position: [Int: Int] = [:]
        for (index, id) in tendencyIDs.enumerated() where position[id] == nil { position[id] = index }
        self.position = position
    }

    func colour(for tendency: Int) -> String {
        guard let index = position[tendency] else { return Self.neutral }
        return Self.colours[index % Self.colours.count]
    }

    /// Position of the tendency in the report (unknown ids sort last).
    func rank(of tendency: Int) -> Int { position[tendency] ?? Int.max }
}
