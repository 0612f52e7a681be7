/// The version of flywheel-run.
public enum FlywheelVersion {
    public static let current = "0.1.0"
}
