import Foundation

/// Where the checker's content-hash cache lives unless `--no-cache` is given: the user's cache
/// folder (`$XDG_CACHE_HOME/derive`, else `~/.cache/derive`), so that no run litters the book.
public enum CacheLocation {
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty {
            return cache + "/derive"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.cache/derive"
        }
        return nil
    }
}
