import FlywheelTestSupport
import Testing

/// The real `flywheel-run` executable against throwaway databases of the test server. Serialized as a whole: the
/// tests start processes that kill or race each other and watch the database for states that last milliseconds.
@Suite("flywheel-run, black box", .serialized, .enabled(if: TestDatabase.isAvailable))
struct FlywheelRunTests {}
