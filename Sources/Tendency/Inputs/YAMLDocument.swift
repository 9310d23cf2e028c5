import Foundation
import Yams

/// Reads a YAML file into Yams' node tree, turning Yams' errors into
/// `InputError`s that carry the file, line and column Yams reports. The text
/// must be UTF-8, within the size bound, and pass `YAMLShapeCheck`.
enum YAMLDocument {
    static func root(contentsOf path: String, displayName: String? = nil,
                     maxBytes: Int = InputFile.defaultMaxBytes) throws -> (Node, String) {
        let name = displayName ?? path
        return (try root(data: InputFile.read(path, name: name, maxBytes: maxBytes), file: name), name)
    }

    /// The node tree of YAML bytes already read; `file` names them in errors.
    static func root(data: Data, file: String) throws -> Node {
        var bytes = [UInt8](data)
        if let error = InputFile.encodingError(bytes, file: file) { throw error }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a UTF-8 byte-order mark
        return try root(yaml: String(decoding: bytes, as: UTF8.self), file: file)
    }

    static func root(yaml: String, file: String) throws -> Node {
        if yaml.utf8.contains(0) {
            throw InputFile.encodingError(Array(yaml.utf8), file: file) ?? InputError(file: file, "NUL byte; expected UTF-8 text")
        }
        try YAMLShapeCheck.check(yaml, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw inputError(error, file: file, yaml: yaml)
        }
        guard let node else {
            throw InputError(file: file, line: 1, column: 1, "the file is empty; expected a YAML mapping")
        }
        return node
    }

    static func inputError(_ error: YamlError, file: String, yaml: String) -> InputError {
        func located(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> InputError {
            if character(in: yaml, at: mark) == "\t" {
                return InputError(file: file, line: mark.line, column: mark.column,
                                  "malformed YAML: a tab character where YAML expects indentation; indent with spaces")
            }
            if problem == "but found another document" {
                return InputError(file: file, line: mark.line, column: mark.column,
                                  "malformed YAML: a second document (after ---) starts here; expected one document")
            }
            let what = context.map { "\(problem) (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? problem
            return InputError(file: file, line: mark.line, column: mark.column, "malformed YAML: \(what)")
        }
        switch error {
        case let .scanner(context, problem, mark, _): return located(problem, context, mark)
        case let .parser(context, problem, mark, _): return located(problem, context, mark)
        case let .composer(context, problem, mark, _): return located(problem, context, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputError(file: file, line: context.mark.line, column: context.mark.column,
                              "duplicate key \(duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")) in a mapping")
        case let .reader(problem, _, _, _):
            // The reader refuses characters outside YAML's printable set: located here, since it gives no line.
            var line = 1, column = 1
            for scalar in yaml.unicodeScalars {
                if !isYAMLPrintable(scalar) {
                    return InputError(file: file, line: line, column: column,
                                      "\(IdentifierText.codePoint(scalar)) is not allowed in YAML (\(problem)); expected printable text")
                }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            return InputError(file: file, "malformed YAML: \(problem)")
        default:
            return InputError(file: file, "malformed YAML: \(error)")
        }
    }

    /// YAML 1.1's printable set (tab, line breaks, printable ASCII, NEL and
    /// the rest of Unicode but surrogates and U+FFFE/FFFF), which the reader enforces.
    static func isYAMLPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The character at a Yams mark (1-based line, column in Unicode scalars).
    private static func character(in yaml: String, at mark: Mark) -> Unicode.Scalar? {
        var line = 1
        var scalars = yaml.unicodeScalars[...]
        while line < mark.line, let newline = scalars.firstIndex(of: "\n") {
            scalars = scalars[scalars.index(after: newline)...]
            line += 1
        }
        guard line == mark.line, mark.column >= 1 else { return nil }
        return scalars.dropFirst(mark.column - 1).first
    }

    /// An error located at a node (or the file's start when Yams gave no mark).
    static func error(at node: Node?, file: String, _ message: String) -> InputError {
        InputError(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message)
    }
}
