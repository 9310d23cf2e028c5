public enum TendencyCoreVersion { public static let string = "0.1.0" }
