using System.Text.Json;
using Dynamics.Examples;
using Dynamics.Examples.Gallery;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Examples.Gallery;

/// <summary>Every gallery entry runs headless into a temporary folder, writes valid PNGs and a summary whose checks pass.</summary>
public sealed class GalleryTests : IDisposable
{
    private static readonly HashSet<string> CaptionedExperiments =
    [
        "duffing", "gan-discrete", "gan-dynamics", "lorenz", "lotka-volterra", "modified-equation", "momentum", "ntk", "optimizers", "pendulum",
        "polyak", "pursuit", "simsiam", "solar-furnace", "stiff", "van-der-pol",
        "monoflow", "gan-as-diffusion", "ddpm", "samplers", "probability-flow", "denoising-score", "langevin",
        "estimators", "infomax",
    ];

    // Entries whose check names (shown on the gallery page) follow the figures' typography: real superscripts, true
    // minus signs, powers of ten.
    private static readonly HashSet<string> TypesetCheckNames =
        ["duffing", "lorenz", "lotka-volterra", "pendulum", "pursuit", "solar-furnace", "stiff", "van-der-pol"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamics-gallery-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Experiments()
    {
        var data = new TheoryData<string>();
        foreach (var experiment in ExperimentCatalog.All) data.Add(experiment.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Experiment_writes_its_figures_and_a_passing_summary(string name)
    {
        var seen = new List<(string Path, ScottPlot.Plot Plot)>();
        ExperimentSummary summary;
        using (Dynamics.Plotting.Figures.FigureAudit.Observe((path, plot) => seen.Add((path, plot))))
            summary = ExperimentRunner.Run(ExperimentCatalog.Find(name)!, _folder);
        var problems = FigureRuleTests.Problems(name, seen);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        string folder = Path.Combine(_folder, name);
        Assert.NotEmpty(summary.Figures);
        foreach (var figure in summary.Figures) PngAssert.IsValid(Path.Combine(folder, figure));
        // The experiments of this gallery caption every figure (what it shows, its parameters) for the gallery page.
        if (CaptionedExperiments.Contains(name)) Assert.All(summary.Figures, f => Assert.True(summary.Captions.ContainsKey(f), $"{f} has no caption"));
        Assert.NotEmpty(summary.Checks);
        if (TypesetCheckNames.Contains(name)) Assert.Empty(FigureRuleTests.TypographyProblems(summary.Checks.Select(c => c.Name)));
        Assert.All(summary.Checks, check => Assert.True(check.Passed, $"{check.Name}: computed {check.Computed}, expected {check.Expected} ± {check.Tolerance}"));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var root = json.RootElement;
        Assert.Equal(name, root.GetProperty("experiment").GetString());
        Assert.True(root.GetProperty("passed").GetBoolean());
        var firstCheck = root.GetProperty("checks")[0];
        foreach (var field in new[] { "name", "computed", "expected", "tolerance", "passed" }) Assert.True(firstCheck.TryGetProperty(field, out _), $"check lacks '{field}'");
    }

    [Fact]
    public void Catalogue_names_are_unique_command_words()
    {
        var names = ExperimentCatalog.All.Select(e => e.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", n));
        foreach (var name in new[] { "pendulum", "van-der-pol", "lorenz", "lotka-volterra", "duffing", "pursuit", "solar-furnace" }) Assert.Contains(name, names);
    }

    [Fact]
    public void The_summary_records_every_check_with_its_numbers_and_verdict()
    {
        ExperimentRunner.Run(ExperimentCatalog.Find("pursuit")!, _folder);
        string folder = Path.Combine(_folder, "pursuit");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var root = json.RootElement;
        Assert.Equal("pursuit", root.GetProperty("experiment").GetString());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.True(checks.Count >= 20, $"only {checks.Count} checks");
        foreach (var check in checks)
        {
            double computed = check.GetProperty("computed").GetDouble(), expected = check.GetProperty("expected").GetDouble();
            double tolerance = check.GetProperty("tolerance").GetDouble();
            Assert.False(string.IsNullOrWhiteSpace(check.GetProperty("name").GetString()));
            Assert.True(tolerance >= 0);
            string kind = check.GetProperty("kind").GetString()!;
            bool holds = kind switch
            {
                "at most" => computed <= expected + tolerance,
                "at least" => computed >= expected - tolerance,
                "within" => Math.Abs(computed - expected) <= tolerance,
                _ => throw new InvalidOperationException($"unknown kind '{kind}'"),
            };
            Assert.Equal(holds, check.GetProperty("passed").GetBoolean());
        }

        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "variant A: capture time against Lv/(v² − u²)" && Math.Abs(c.GetProperty("expected").GetDouble() - 5.0 / 18) < 1e-15);
        foreach (var figure in root.GetProperty("figures").EnumerateArray()) PngAssert.IsValid(Path.Combine(folder, figure.GetString()!));
        Assert.True(root.GetProperty("values").TryGetProperty("variant A_steps", out _));
    }

    [Fact]
    public void A_failed_check_is_recorded_as_failed_in_the_summary()
    {
        var context = new ExperimentContext(Path.Combine(_folder, "manual"));
        context.Check("agrees", 1.0, 1.0 + 1e-12, 1e-10);
        context.Check("disagrees", 1.0, 2.0, 0.5);
        context.CheckAtMost("bounded", 2.0, 1.0);
        context.CheckAtLeast("at least −0.01", -0.007, -0.01);
        context.CheckAtLeast("at least 0", -0.007, 0);
        context.CheckBelow("below 0", -0.007, 0);
        context.Check("not a number", double.NaN, 0, 1);
        var summary = context.WriteSummary(ExperimentCatalog.Find("pursuit")!, 0.1);
        Assert.False(summary.Passed);
        Assert.Equal([true, false, false, true, false, true, false], summary.Checks.Select(c => c.Passed));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "manual", "summary.json")));
        Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
        var kinds = json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["within", "within", "at most", "at least", "at least", "at most", "within"], kinds);
        Assert.Throws<ArgumentOutOfRangeException>(() => context.Check("negative tolerance", 1, 1, -1));
    }

    [Fact]
    public void List_prints_every_experiment()
    {
        var (code, output, _) = RunCommand("list");
        Assert.Equal(CommandLine.Success, code);
        foreach (var experiment in ExperimentCatalog.All) Assert.Contains(experiment.Name, output);
    }

    [Fact]
    public void One_experiment_by_name_runs_into_the_given_folder()
    {
        var (code, output, _) = RunCommand("pendulum", "--out", _folder);
        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("passed", output);
        Assert.True(File.Exists(Path.Combine(_folder, "pendulum", "summary.json")));
    }

    [Theory]
    [InlineData(new[] { "no-such-experiment" }, "Unknown experiment 'no-such-experiment'")]
    [InlineData(new[] { "list", "--colour" }, "Unknown option '--colour'")]
    [InlineData(new[] { "all", "--out" }, "--out needs a folder")]
    [InlineData(new string[0], "No command given")]
    [InlineData(new[] { "list", "all" }, "Only one command at a time")]
    public void Bad_arguments_exit_with_code_2_and_a_message(string[] args, string message)
    {
        var (code, _, error) = RunCommand(args);
        Assert.Equal(CommandLine.BadArguments, code);
        Assert.Contains(message, error);
        Assert.Contains("usage:", error);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_exits_with_code_3_naming_the_path()
    {
        Directory.CreateDirectory(_folder);
        string file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "not a folder");
        string target = Path.Combine(file, "out");
        var (code, _, error) = RunCommand("pendulum", "--out", target);
        Assert.Equal(CommandLine.IoError, code);
        Assert.Equal(3, code);
        Assert.Contains(target, error);
        Assert.Contains("cannot write", error);
        Assert.DoesNotContain("   at ", error); // a message, not a stack trace
    }

    [Fact]
    public void Help_documents_every_exit_code()
    {
        var (code, output, _) = RunCommand("--help");
        Assert.Equal(CommandLine.Success, code);
        foreach (var text in new[] { "0 success", "1 a check failed", "2 bad arguments", "3 input/output error" }) Assert.Contains(text, output);
    }

    [Fact]
    public void An_expected_failure_in_a_demonstration_is_announced_as_expected()
    {
        var lines = new List<string>();
        var summary = ExperimentRunner.Run(ExperimentCatalog.Find("solar-furnace")!, _folder, lines.Add);
        Assert.True(summary.Passed);
        var line = Assert.Single(lines, l => l.Contains("StepSizeTooSmall", StringComparison.Ordinal));
        Assert.Contains("as this demonstration expects", line);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static (int Code, string Output, string Error) RunCommand(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
