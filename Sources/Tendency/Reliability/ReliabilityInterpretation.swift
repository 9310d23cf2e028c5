/// Krippendorff's own reading of alpha (Krippendorff 2004, "Content
/// Analysis", sec. 11.4.4): rely on variables with alpha >= 0.800, draw only
/// tentative conclusions from 0.667 <= alpha < 0.800, discard the rest.
public enum ReliabilityInterpretation: String, Sendable, Codable {
    case reliable, tentative, unreliable
    /// Alpha could not be computed (fewer than two coders on any sketch, or no variation).
    case undefined

    public init(alpha: Double?) {
        guard let alpha else { self = .undefined; return }
        self = alpha >= 0.8 ? .reliable : alpha >= 0.667 ? .tentative : .unreliable
    }
}
