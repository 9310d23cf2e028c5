import Foundation

/// Refusals made before anything is written, so that an output never takes
/// the place of something it should not: an input of the same run, another
/// output of the same run, or (for a folder replaced whole) the folder the
/// user is standing in, its ancestors, the home folder or the root.
public enum OutputPathCheck {
    /// Throws when an output path is empty, when two outputs are the same
    /// file, when an output is one of `inputs`, or when it exists and is not
    /// a regular file.
    public static func checkFiles(_ outputs: [String], inputs: [String]) throws {
        var seen: [String: String] = [:]
        let inputPaths = Set(inputs.map(resolved))
        let inputFiles = Set(inputs.compactMap { status($0).map(FileIdentity.init) })  // hard links too
        for output in outputs {
            guard !output.isEmpty else { throw OutputError(path: "\"\"", message: "an output path is empty") }
            // One of this process's open streams is written to, not replaced.
            if let descriptor = openStream(output) {
                if let other = seen["fd:\(descriptor)"] {
                    throw OutputError(path: output, message: "is also given as \(other); each output needs a file of its own")
                }
                seen["fd:\(descriptor)"] = output
                continue
            }
            try checkNameLength(output)
            let path = resolved(output)
            if let other = seen[path] {
                throw OutputError(path: output, message: "is also given as \(other); each output needs a file of its own")
            }
            let existing = status(output)
            if inputPaths.contains(path) || existing.map({ inputFiles.contains(FileIdentity($0)) }) == true {
                throw OutputError(path: output, message: "is an input of this run; writing there would replace it")
            }
            // Writing would put a regular file in the place of a folder, a device such as
            // /dev/null, a FIFO or a link to standard output.
            if let existing, existing.st_mode & S_IFMT != S_IFREG {
                let kind = existing.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file (a device, a pipe or a link to one)"
                throw OutputError(path: output, message: "is \(kind); expected a file path to write")
            }
            // Found now rather than after the work (the writer checks again).
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw OutputError(path: output, message: "the folder \(folder) does not exist")
            }
            seen[path] = output
        }
    }

    /// Throws when `folder`, which is to be replaced whole, is empty, the
    /// root, the home or current folder or one holding either, or holds one
    /// of `inputs`.
    public static func checkFolder(_ folder: String, inputs: [String],
                                   home: String? = ProcessInfo.processInfo.environment["HOME"]) throws {
        guard !folder.isEmpty else { throw OutputError(path: "\"\"", message: "the output folder is empty; name a folder of its own") }
        try checkNameLength(folder)
        let path = resolved(folder)
        let home = home.map(resolved)
        if path == "/" || home.map({ contains(path, $0) }) == true {
            throw OutputError(path: folder, message: "is \(path == "/" ? "the root folder" : "the home folder or holds it"), which would be replaced whole; name a folder of its own")
        }
        let current = resolved(FileManager.default.currentDirectoryPath)
        if contains(path, current) {
            throw OutputError(path: folder, message: "is the current folder or holds it, and would be replaced whole; name a folder of its own")
        }
        for input in inputs where contains(path, resolved(input)) {
            throw OutputError(path: folder, message: "holds the input \(input), and would be replaced whole; name a folder of its own")
        }
    }

    /// The longest name (in bytes) an output may have: its hidden staging
    /// copy beside it (".NAME.tmp-PID-XXXXXXXX", at most 22 bytes more) must
    /// fit the file system's 255, or the run would fail only after its work.
    public static let longestName = 255 - 24

    static func checkNameLength(_ output: String) throws {
        let length = URL(fileURLWithPath: output).lastPathComponent.utf8.count
        if length > longestName {
            throw OutputError(path: output, message: "the name is \(length) bytes long; outputs take at most \(longestName), since a hidden copy with a longer name is written first")
        }
    }

    /// The device and inode of a file, which two names of one file (hard
    /// links) share.
    struct FileIdentity: Hashable {
        var device: UInt64, inode: UInt64
        init(_ info: stat) { (device, inode) = (UInt64(info.st_dev), UInt64(info.st_ino)) }
    }

    /// The file descriptor `path` names when it names one of this process's
    /// open, writable streams: `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
    /// `/proc/self/fd/N` or `/proc/<this pid>/fd/N`. Such an output is
    /// written to the stream (a shell's `>>` keeps appending), not replaced
    /// by a renamed file, which would have replaced the file the shell
    /// redirected stdout to.
    public static func openStream(_ path: String) -> Int32? {
        var descriptor: Int32?
        switch path {
        case "/dev/stdout": descriptor = 1
        case "/dev/stderr": descriptor = 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
                descriptor = Int32(path.dropFirst(prefix.count))
            }
        }
        guard let descriptor, descriptor >= 0 else { return nil }
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, flags & O_ACCMODE == O_WRONLY || flags & O_ACCMODE == O_RDWR else { return nil }
        return descriptor
    }

    /// stat(2) of `path`, following links; nil when there is no such file.
    static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    /// Whether `path` is `folder` or lies inside it, as the kernel resolves both.
    public static func isInside(_ path: String, folder: String) -> Bool {
        contains(resolved(folder), resolved(path))
    }

    /// Whether `folder` is `path` or one of its ancestors (both resolved).
    static func contains(_ folder: String, _ path: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// The absolute path as the kernel resolves it: the longest prefix that
    /// exists through realpath(3), symbolic links and all, so that `..` after
    /// a linked folder goes where opening the file would go; the rest (which
    /// does not exist yet) with `.` and `..` taken as written.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let parts = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for existing in stride(from: parts.count, through: 0, by: -1) {
            guard let real = realpath("/" + parts[..<existing].joined(separator: "/"), nil) else { continue }
            defer { free(real) }
            var components = String(cString: real).split(separator: "/").map(String.init)
            for part in parts[existing...] {
                if part == ".." { _ = components.popLast() } else if part != "." { components.append(part) }
            }
            return "/" + components.joined(separator: "/")
        }
        return absolute
    }
}
