import ArgumentParser

@main
struct FlywheelRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flywheel-run", abstract: "Flywheel pipeline.")
}
