import Foundation

/// An image a chapter refers to by a relative path, copied into the output beside the pages that
/// show it so that the site and the LaTeX folder stand alone.
struct LocalAsset: Hashable {
    var source: URL
    /// Path inside the writer's folder: `assets/figures-pca.png` for `figures/pca.png`.
    var name: String

    /// Nil for URLs and for files that do not exist (the writer then leaves the reference as written).
    init?(_ reference: String, chapterFile: String) {
        guard !reference.isEmpty, !reference.contains(":"), !reference.hasPrefix("/") else { return nil }
        let folder = URL(fileURLWithPath: chapterFile).deletingLastPathComponent()
        let url = folder.appendingPathComponent(reference).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        // Flattened and made safe for URLs and `\includegraphics`: `figures/pca.png` → `assets/figures-pca.png`.
        let parts = reference.split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: "-")
        let stem = (parts as NSString).deletingPathExtension
        let suffix = url.pathExtension.isEmpty ? "" : "." + BookLayout.safeName(url.pathExtension.lowercased())
        source = url
        name = "assets/" + BookLayout.safeName(stem) + suffix
    }
}
