extension AnalysisReport {
    /// How the run was made: rerunning with these gives the same bytes.
    public struct Manifest: Codable, Sendable, Equatable {
        public var toolVersion: String
        /// The arguments as given (argv, including the program name).
        public var commandLine: [String]
        public var inputs: [Input]
        /// Every parameter, resolved defaults included.
        public var parameters: [String: String]
        public var seed: UInt64
        /// `LinearAlgebraRuntime.buildDescription`.
        public var blasBuild: String
        public var blasThreads: Int

        public init(toolVersion: String, commandLine: [String], inputs: [Input], parameters: [String: String],
                    seed: UInt64, blasBuild: String, blasThreads: Int) {
            self.toolVersion = toolVersion
            self.commandLine = commandLine
            self.inputs = inputs
            self.parameters = parameters
            self.seed = seed
            self.blasBuild = blasBuild
            self.blasThreads = blasThreads
        }

        public struct Input: Codable, Sendable, Equatable {
            public var path: String
            /// Lower-case hex SHA-256 of the file's bytes.
            public var sha256: String
            public var bytes: Int

            public init(path: String, sha256: String, bytes: Int) {
                self.path = path
                self.sha256 = sha256
                self.bytes = bytes
            }
        }
    }
}
