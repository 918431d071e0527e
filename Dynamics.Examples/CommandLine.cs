using System.Globalization;
using Dynamics.Examples.Gallery;
using Spectre.Console;

namespace Dynamics.Examples;

/// <summary>
/// The examples program: <c>list</c>, <c>all</c> or one experiment by name, with <c>--out DIR</c> (default ./out).
/// Exit codes: 0 all checks passed, 1 a check failed or an experiment threw, 2 bad arguments, 3 an input/output error
/// (the output folder or a file in it could not be written).
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when a check against theory failed or an experiment threw.</summary>
    public const int CheckFailed = 1;

    /// <summary>Exit code for bad arguments.</summary>
    public const int BadArguments = 2;

    /// <summary>Exit code when the output folder or a file in it cannot be written (it takes precedence over 1).</summary>
    public const int IoError = 3;

    /// <summary>Parses the arguments and runs the command.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where problems go.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? command = null;
        string outputRoot = "out";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "help":
                    output.WriteLine(Usage());
                    return Success;
                case "--out" or "-o":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith('-'))
                        return Fail(error, "--out needs a folder, e.g. --out ./out");
                    outputRoot = args[++i];
                    break;
                default:
                    if (args[i].StartsWith('-')) return Fail(error, $"Unknown option '{args[i]}'.");
                    if (command is not null) return Fail(error, $"Only one command at a time, but got '{command}' and '{args[i]}'.");
                    command = args[i];
                    break;
            }
        }

        if (command is null) return Fail(error, "No command given.");
        if (command == "list")
        {
            foreach (var experiment in ExperimentCatalog.All) output.WriteLine($"{experiment.Name,-20} {experiment.Description}");
            return Success;
        }

        IReadOnlyList<IExperiment> selected;
        if (command == "all")
        {
            selected = ExperimentCatalog.All;
        }
        else if (ExperimentCatalog.Find(command) is { } one)
        {
            selected = [one];
        }
        else
        {
            return Fail(error, $"Unknown experiment '{command}'. Known: {string.Join(", ", ExperimentCatalog.All.Select(e => e.Name))}.");
        }

        if (!CanWrite(outputRoot, out string problem))
        {
            error.WriteLine($"error: cannot write to the output folder '{Path.GetFullPath(outputRoot)}': {problem}");
            return IoError;
        }

        return RunAll(selected, outputRoot, output, error, writePage: command == "all");
    }

    // Creates the folder and a probe file in it, so an unwritable --out fails at once with its path, not mid-gallery.
    private static bool CanWrite(string folder, out string problem)
    {
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            problem = "";
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = ex.Message;
            return false;
        }
    }

    private static int RunAll(IReadOnlyList<IExperiment> experiments, string outputRoot, TextWriter output, TextWriter error, bool writePage)
    {
        var summaries = new List<ExperimentSummary>();
        var errors = new Dictionary<string, string>();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var table = new Table().AddColumns("experiment", "checks", "figures", "seconds", "result");
        bool allPassed = true, ioFailed = false;
        for (int i = 0; i < experiments.Count; i++)
        {
            var experiment = experiments[i];
            output.WriteLine($"[{i + 1}/{experiments.Count}] {experiment.Name}: {experiment.Description}");
            try
            {
                var summary = ExperimentRunner.Run(experiment, outputRoot, message => output.WriteLine($"    {message}"));
                foreach (var check in summary.Checks.Where(c => !c.Passed))
                    error.WriteLine($"    FAILED {check.Name}: computed {Format(check.Computed)}, expected {Format(check.Expected)} ± {Format(check.Tolerance)}");
                allPassed &= summary.Passed;
                summaries.Add(summary);
                table.AddRow(
                    experiment.Name,
                    $"{summary.Checks.Count(c => c.Passed)}/{summary.Checks.Count}",
                    summary.Figures.Count.ToString(CultureInfo.InvariantCulture),
                    summary.ElapsedSeconds.ToString("F1", CultureInfo.InvariantCulture),
                    summary.Passed ? "passed" : "FAILED");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ioFailed = true;
                errors[experiment.Name] = $"cannot write its output: {ex.Message}";
                error.WriteLine($"    {experiment.Name}: cannot write its output under '{Path.GetFullPath(Path.Combine(outputRoot, experiment.Name))}': {ex.Message}");
                table.AddRow(experiment.Name, "-", "-", "-", "I/O ERROR");
            }
#pragma warning disable CA1031 // One experiment's crash is reported and must not stop the rest of the gallery.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                allPassed = false;
                errors[experiment.Name] = $"threw {ex.GetType().Name}: {ex.Message}";
                error.WriteLine($"    {experiment.Name} threw {ex.GetType().Name}: {ex.Message}");
                table.AddRow(experiment.Name, "-", "-", "-", "ERROR");
            }
        }

        console.Write(table);
        if (writePage)
        {
            try
            {
                output.WriteLine($"Gallery page: {GalleryPage.Write(outputRoot, summaries, errors)}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ioFailed = true;
                error.WriteLine($"    cannot write '{Path.GetFullPath(Path.Combine(outputRoot, GalleryPage.FileName))}': {ex.Message}");
            }
        }

        output.WriteLine($"Output in {Path.GetFullPath(outputRoot)}");
        return ioFailed ? IoError : allPassed ? Success : CheckFailed;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine(Usage());
        return BadArguments;
    }

    private static string Usage() =>
        """
        usage: dotnet run --project Dynamics.Examples -c Release -- <command> [--out DIR]
          list          list the experiments
          all           run the whole gallery
          <name>        run one experiment (see 'list')
          --out DIR     output folder (default ./out); each experiment writes DIR/<name>/*.png and summary.json,
                        and 'all' also writes DIR/index.html
          --help        show this text
        exit codes: 0 success, 1 a check failed (or an experiment threw), 2 bad arguments,
                    3 input/output error (the output folder cannot be written; the message names the path)
        """;

    private static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
