import Capture
import MarketData

extension CaptureMetadata {
    /// The capture's acknowledged Level 1 field list, or IQFeed's default when the capture does not say.
    public var level1FieldList: Level1FieldList {
        level1Fields.isEmpty ? .default : Level1FieldList(level1Fields)
    }
}
