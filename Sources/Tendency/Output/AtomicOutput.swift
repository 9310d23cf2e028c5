import Foundation

/// Writes a set of output files all-or-nothing.
///
/// Every file is first written in full to a hidden temporary file beside its
/// destination; only when all of them are written are they renamed into
/// place (a rename within one file system is atomic). If anything fails, the
/// temporaries are removed and the destinations keep their previous contents.
public struct AtomicOutput {
    private var pending: [(destination: URL, contents: Data, permissions: mode_t?)] = []
    private let inputs: [String]

    /// `inputs` are the run's input files: `commit` refuses to write over
    /// one of them (`OutputPathCheck.checkFiles`), as it refuses two
    /// outputs to one file.
    public init(protecting inputs: [String] = []) { self.inputs = inputs }

    /// Queues `contents` for `path`; `permissions` (e.g. 0o600 for secrets)
    /// are set on the temporary before it is moved into place.
    public mutating func add(_ path: String, _ contents: Data, permissions: mode_t? = nil) {
        pending.append((URL(fileURLWithPath: path), contents, permissions))
    }

    /// Queues UTF-8 text for `path`.
    public mutating func add(_ path: String, text: String, permissions: mode_t? = nil) {
        add(path, Data(text.utf8), permissions: permissions)
    }

    /// Writes every queued file, then runs `beforeMoving`, then moves them
    /// all into place. `beforeMoving` is for what must exist only when the
    /// outputs do (a new salt file), or another writer's commit that must
    /// succeed or fail with these; if it throws, nothing is moved.
    public func commit(beforeMoving: () throws -> Void = {}) throws {
        try OutputPathCheck.checkFiles(pending.map(\.destination.path), inputs: inputs)
        try OutputStaging.shared.section { try writeAndMove(beforeMoving: beforeMoving) }
    }

    private func writeAndMove(beforeMoving: () throws -> Void) throws {
        let manager = FileManager.default
        // An open stream of this process (/dev/stdout, /dev/fd/N) is written
        // to once every file is in place; see `OutputPathCheck.openStream`.
        let streams = pending.compactMap { item in OutputPathCheck.openStream(item.destination.path).map { (item.destination.path, $0, item.contents) } }
        // A destination that is a symbolic link is written through, to the
        // file it names (which is what was checked), not replaced by a file.
        let pending = pending.filter { OutputPathCheck.openStream($0.destination.path) == nil }
            .map { (URL(fileURLWithPath: OutputPathCheck.resolved($0.destination.path)), $0.contents, $0.permissions) }
        let staging = OutputStaging.shared
        var temporaries: [URL] = []
        defer { for temporary in temporaries { staging.unregister(temporary.path) } }
        do {
            for (destination, contents, permissions) in pending {
                let folder = destination.deletingLastPathComponent()
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                    throw OutputError(path: destination.path, message: "the folder \(folder.path) does not exist")
                }
                let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
                staging.register(temporary.path)
                temporaries.append(temporary)
                try staging.checkpoint()
                do {
                    try contents.write(to: temporary)
                    if let permissions, chmod(temporary.path, permissions) != 0 {
                        throw OutputError(path: destination.path, message: "cannot set permissions: \(String(cString: strerror(errno)))")
                    }
                } catch {
                    throw OutputError(path: destination.path, message: "cannot write: \(error.localizedDescription)")
                }
            }
            try staging.checkpoint()
            try beforeMoving()
            for (temporary, (destination, _, _)) in zip(temporaries, pending) {
                if rename(temporary.path, destination.path) != 0 {
                    throw OutputError(path: destination.path, message: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            for temporary in temporaries { try? manager.removeItem(at: temporary) }
            throw error
        }
        for (path, descriptor, contents) in streams {
            let written = contents.withUnsafeBytes { bytes -> Bool in
                var offset = 0
                while offset < bytes.count {
                    let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if count < 0 { if errno == EINTR { continue }; return false }
                    offset += count
                }
                return true
            }
            guard written else { throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
        }
    }
}

/// A failure to write an output.
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}
