import Foundation
import Yams

/// Reads a YAML file into Yams' node tree, turning Yams' errors into
/// `InputError`s that carry the file, line and column Yams reports.
enum YAMLDocument {
    static func root(contentsOf path: String, displayName: String? = nil) throws -> (Node, String) {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: name, "cannot open the file for reading")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: name, "the file is not valid UTF-8 text")
        }
        return (try root(yaml: text, file: name), name)
    }

    static func root(yaml: String, file: String) throws -> Node {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw inputError(error, file: file)
        }
        guard let node else {
            throw InputError(file: file, line: 1, column: 1, "the file is empty; expected a YAML mapping")
        }
        return node
    }

    static func inputError(_ error: YamlError, file: String) -> InputError {
        func located(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> InputError {
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
            return InputError(file: file, "malformed YAML: \(problem)")
        default:
            return InputError(file: file, "malformed YAML: \(error)")
        }
    }

    /// An error located at a node (or the file's start when Yams gave no mark).
    static func error(at node: Node?, file: String, _ message: String) -> InputError {
        InputError(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message)
    }
}
