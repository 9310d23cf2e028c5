import Foundation

/// Writes a folder of files atomically: into a temporary sibling folder, then
/// renamed into place, so a reader never sees a half-written folder.
public enum AtomicFolderWriter {
    /// Writes `files` as the folder `path`. An existing non-empty folder is
    /// replaced only when `replace` is true, or when every file in it is one
    /// of `replaceable` (the outputs of an earlier run of the same command).
    public static func write(_ files: [(name: String, data: Data)], to path: String, replace: Bool,
                             replaceable: Set<String> = []) throws {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else {
                throw OutputError(path: path, message: "exists and is not a folder")
            }
            let contents = try fileManager.contentsOfDirectory(atPath: target.path)
            if !contents.isEmpty && !replace && !Set(contents).isSubset(of: replaceable) {
                throw OutputError(path: path, message: "folder is not empty; pass --force to replace it")
            }
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: parent.path, message: "cannot create the folder: \(error.localizedDescription)")
        }
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(suffix)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try file.data.write(to: staging.appendingPathComponent(file.name))
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw OutputError(path: path, message: "cannot write: \(error.localizedDescription)")
        }
        if !exists {
            guard rename(staging.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fileManager.removeItem(at: staging)
                throw OutputError(path: path, message: "cannot move the new folder into place: \(reason)")
            }
            return
        }
        // Move the old folder aside, the new one in, then drop the old one.
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(suffix)")
        guard rename(target.path, old.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fileManager.removeItem(at: staging)
            throw OutputError(path: path, message: "cannot move the old folder aside: \(reason)")
        }
        guard rename(staging.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old.path, target.path)
            try? fileManager.removeItem(at: staging)
            throw OutputError(path: path, message: "cannot move the new folder into place: \(reason)")
        }
        try? fileManager.removeItem(at: old)
    }
}
