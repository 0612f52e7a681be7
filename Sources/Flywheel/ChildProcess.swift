import Foundation

/// Runs a program and waits for it with `posix_spawn` and `waitpid`. Foundation's `Process` can miss the exit of a
/// child whose own child (the PostgreSQL server started by pg_ctl) keeps running, so it is not used for server tools.
enum ChildProcess {
    /// Runs `arguments[0]` (an absolute path) with stdin from /dev/null and stdout to /dev/null (`quiet`) or stderr.
    static func run(_ arguments: [String], quiet: Bool) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 2, 1)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard status == 0 else {
            throw EmbeddedClusterError("cannot run \(arguments[0]): \(String(cString: strerror(status)))")
        }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) == -1 {
            guard errno == EINTR else { throw EmbeddedClusterError("waitpid failed for \(arguments[0])") }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        if exitStatus & 0x7f == 0 { return (exitStatus >> 8) & 0xff }
        return 128 + (exitStatus & 0x7f)
    }
}
