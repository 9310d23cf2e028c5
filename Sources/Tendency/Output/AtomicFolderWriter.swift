import Foundation

/// Writes a folder of files atomically: into a temporary sibling folder, then
/// renamed into place, so a reader never sees a half-written folder.
public enum AtomicFolderWriter {
    /// Writes `files` as the folder `path`, after `check`. `beforeMoving`
    /// runs once the files are written and before the folder is moved into
    /// place (see `AtomicOutput.commit(beforeMoving:)`); if it throws, the
    /// previous folder stays.
    public static func write(_ files: [(name: String, data: Data)], to path: String, replace: Bool,
                             replaceable: Set<String> = [], protecting inputs: [String] = [],
                             beforeMoving: () throws -> Void = {}) throws {
        let exists = try check(path, replace: replace, replaceable: replaceable, protecting: inputs)
        let fileManager = FileManager.default
        // Through a symbolic link to the folder it names, which is what was checked.
        let target = URL(fileURLWithPath: OutputPathCheck.resolved(path))
        let parent = target.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: parent.path, message: "cannot create the folder: \(error.localizedDescription)")
        }
        try OutputStaging.shared.section {
            try writeStaged(files, target: target, parent: parent, exists: exists, path: path, beforeMoving: beforeMoving)
        }
    }

    /// Throws unless `path` may become the output folder: it must not exist
    /// or be a folder, and a non-empty folder is replaced only when `replace`
    /// is true or every file in it is one of `replaceable` (the outputs of an
    /// earlier run of the same command). A folder that holds one of `inputs`,
    /// the current folder or the home folder is never replaced
    /// (`OutputPathCheck.checkFolder`). Callers check before long work, so
    /// that it is not lost to a refusal at the end. Returns whether it exists.
    @discardableResult
    public static func check(_ path: String, replace: Bool, replaceable: Set<String> = [],
                             protecting inputs: [String] = []) throws -> Bool {
        try OutputPathCheck.checkFolder(path, inputs: inputs)
        let target = URL(fileURLWithPath: OutputPathCheck.resolved(path))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
            var link = stat()
            if lstat(target.path, &link) == 0 {
                throw OutputError(path: path, message: "is a symbolic link to nothing; expected a folder path")
            }
            // The nearest existing ancestor must be a folder, or the folder cannot be made.
            var ancestor = target.deletingLastPathComponent()
            while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), ancestor.path != "/" {
                ancestor = ancestor.deletingLastPathComponent()
            }
            guard isDirectory.boolValue else {
                throw OutputError(path: path, message: "cannot be made: \(ancestor.path) is a file, not a folder")
            }
            return false
        }
        guard isDirectory.boolValue else {
            throw OutputError(path: path, message: "exists and is not a folder")
        }
        let contents = try FileManager.default.contentsOfDirectory(atPath: target.path)
        if !contents.isEmpty && !replace && !Set(contents).isSubset(of: replaceable) {
            throw OutputError(path: path, message: "folder is not empty; pass --force to replace it")
        }
        return true
    }

    /// Writes into a registered staging folder, then swaps it into place.
    private static func writeStaged(_ files: [(name: String, data: Data)], target: URL, parent: URL,
                                    exists: Bool, path: String, beforeMoving: () throws -> Void) throws {
        let fileManager = FileManager.default
        let staging = OutputStaging.shared
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let stagingURL = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(suffix)")
        staging.register(stagingURL.path)
        defer { staging.unregister(stagingURL.path) }
        do {
            try fileManager.createDirectory(at: stagingURL, withIntermediateDirectories: false)
            for file in files {
                try staging.checkpoint()
                try file.data.write(to: stagingURL.appendingPathComponent(file.name))
            }
            try staging.checkpoint()
        } catch {
            try? fileManager.removeItem(at: stagingURL)
            throw OutputError(path: path, message: "cannot write: \(error.localizedDescription)")
        }
        do {
            try beforeMoving()
        } catch {
            try? fileManager.removeItem(at: stagingURL)
            throw error
        }
        if !exists {
            guard rename(stagingURL.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fileManager.removeItem(at: stagingURL)
                throw OutputError(path: path, message: "cannot move the new folder into place: \(reason)")
            }
            return
        }
        // Move the old folder aside, the new one in, then drop the old one.
        // An interrupt waits for these renames (see OutputStaging).
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(suffix)")
        guard rename(target.path, old.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fileManager.removeItem(at: stagingURL)
            throw OutputError(path: path, message: "cannot move the old folder aside: \(reason)")
        }
        guard rename(stagingURL.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old.path, target.path)
            try? fileManager.removeItem(at: stagingURL)
            throw OutputError(path: path, message: "cannot move the new folder into place: \(reason)")
        }
        staging.register(old.path)
        defer { staging.unregister(old.path) }
        try? fileManager.removeItem(at: old)
    }
}
