import Foundation

/// Writes a scenario run's reports into its run folder: `report.txt`, `report.json`, `junit.xml` and
/// `report.html`.
public enum ReportWriter {
    /// Writes the four reports into `outcome.runFolder`, which must exist, replacing files of the same name, and
    /// returns their paths in the order above.
    /// - Throws: ``ReportError`` naming the report that could not be written, and why.
    public static func write(_ outcome: ScenarioOutcome) throws(ReportError) -> [String] {
        let folder = URL(fileURLWithPath: outcome.runFolder, isDirectory: true)
        let json: Data
        do {
            json = try ScenarioJSONReport(outcome).encoded()
        } catch {
            throw ReportError(
                path: folder.appendingPathComponent("report.json").path,
                reason: "cannot encode it: \(error)"
            )
        }
        let files = [
            ("report.txt", Data(ScenarioTextReport.render(outcome).utf8)),
            ("report.json", json),
            ("junit.xml", Data(ScenarioJUnitReport.report(outcome).xml.utf8)),
            ("report.html", Data(ScenarioHTMLReport.render(outcome).utf8)),
        ]
        var paths: [String] = []
        for (name, contents) in files {
            let url = folder.appendingPathComponent(name)
            do {
                try contents.write(to: url, options: .atomic)
            } catch {
                throw ReportError(
                    path: url.path,
                    reason: "cannot write it (\(error.localizedDescription)); check that the run folder exists and "
                        + "is writable"
                )
            }
            paths.append(url.path)
        }
        return paths
    }
}
