import CYaml

/// A pass over libyaml's event stream before Yams builds its node tree,
/// rejecting the two shapes that make YAML hostile: aliases (`*name`), whose
/// expansion grows exponentially ("billion laughs") and which Yams hashes in
/// full when they are mapping keys, so a few hundred bytes hang the reader;
/// and nesting deeper than any Tendency input needs, which Yams' recursive
/// composer would follow. The pass walks events iteratively, so it neither
/// recurses nor allocates nodes.
///
/// Syntax errors are left to Yams, whose messages the caller already turns
/// into located errors: the pass simply stops at the first one.
enum YAMLShapeCheck {
    /// Deepest nesting of mappings and sequences accepted (the formats need 4).
    static let maxDepth = 32

    static func check(_ yaml: String, file: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        try bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    // libyaml's own bound (1000 levels) can trip while it looks ahead.
                    if let problem = parser.problem, String(cString: problem).hasPrefix("Maximum nesting level") {
                        throw InputError(file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                                         "YAML nested more than \(maxDepth) levels deep; expected the shape shown in the documentation")
                    }
                    return
                }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_ALIAS_EVENT:
                    throw InputError(file: file, line: line, column: column,
                                     "YAML aliases (*name) are not accepted; write the value out in full")
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > maxDepth {
                        throw InputError(file: file, line: line, column: column,
                                         "YAML nested more than \(maxDepth) levels deep; expected the shape shown in the documentation")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
            }
        }
    }
}
