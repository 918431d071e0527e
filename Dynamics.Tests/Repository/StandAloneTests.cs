using System.Text.RegularExpressions;

namespace Dynamics.Tests.Repository;

/// <summary>
/// The project stands alone: its code, XML docs, build files and pages cite <c>docs/*.md</c> or a primary source (paper,
/// book), never the team's internal notes, which a user's clone does not have: not by name, not by a path outside the
/// checkout, not by their oracle-section numbers (<see cref="SourcePattern"/>). A book's section (Strogatz's 9.4,
/// Hairer and Wanner's IV.8, written with a section sign) is a primary source and passes. The patterns are written once
/// here; the figure rules read theirs from here too.
/// </summary>
public sealed partial class StandAloneTests
{
    /// <summary>What sources and pages may not cite: the notes by name or path, and their oracle-section numbers.</summary>
    public const string SourcePattern = @"MODELS|\.\./shared|DESIGN\.md|§\d+(\.\d+)?\(d";

    /// <summary>What figure titles may not show (stricter: no section sign, "errata", article ids or correction labels).</summary>
    public const string FigurePattern = @"MODELS|§|errata|\bSu \d|\bE\d\b";

    // The files a clone carries that a reader or the compiler reads.
    private static readonly string[] Extensions = [".cs", ".md", ".props", ".csproj"];

    [Fact]
    public void No_source_or_page_cites_the_internal_notes()
    {
        string root = RepositoryRoot();
        string self = Path.Combine(root, "Dynamics.Tests", "Repository", "StandAloneTests.cs");
        var hits = new List<string>();
        foreach (string file in Files(root))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                // The one exemption: this file's patterns and the examples they must catch.
                if (file == self && IsPatternOrExample(lines[i])) continue;
                if (SourceReference().IsMatch(lines[i])) hits.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
            }
        }

        Assert.True(hits.Count == 0, "Internal references (cite docs/*.md or the primary source instead):\n" + string.Join("\n", hits));
    }

    [Theory]
    [InlineData("// MODELS §3.4(d) quotes θ(5)", true)]
    [InlineData("/// see ../shared/MODELS.md", true)]
    [InlineData("<!-- (DESIGN.md §6) -->", true)]
    [InlineData("// §5(d)1: five significant digits", true)]
    [InlineData("// §3.4(d): r² = 0.0069", true)]
    [InlineData("/// (Strogatz, \"Nonlinear Dynamics and Chaos\", §5.2", false)]
    [InlineData("/// (Hairer &amp; Wanner II, §IV.8)", false)]
    [InlineData("// Lorenz 1963; Strogatz §9.4", false)]
    [InlineData("// the models of docs/learning.md", false)]
    public void The_pattern_tells_the_notes_from_a_primary_source(string line, bool internalReference)
    {
        Assert.Equal(internalReference, SourceReference().IsMatch(line));
    }

    [Fact]
    public void The_audit_reads_the_code_and_the_pages()
    {
        // A walk that found nothing would pass vacuously: the tree has hundreds of sources and every docs page.
        var files = Files(RepositoryRoot()).Select(f => Path.GetRelativePath(RepositoryRoot(), f).Replace('\\', '/')).ToList();
        Assert.True(files.Count(f => f.EndsWith(".cs", StringComparison.Ordinal)) > 300, $"{files.Count} files");
        Assert.Contains("README.md", files);
        Assert.Contains("docs/corrections.md", files);
        Assert.Contains("Directory.Build.props", files);
        Assert.Contains("Dynamics.Tests/Repository/StandAloneTests.cs", files);
        Assert.DoesNotContain(files, f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
    }

    private static bool IsPatternOrExample(string line) =>
        line.TrimStart().StartsWith("public const string", StringComparison.Ordinal) ||
        line.TrimStart().StartsWith("[InlineData(", StringComparison.Ordinal);

    private static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git"));

    // The checkout holding this test: the nearest folder above the test binaries with the solution file.
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Dynamics.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Dynamics.sln above {AppContext.BaseDirectory}: the audit reads the checkout's files.");
    }

    [GeneratedRegex(SourcePattern)]
    private static partial Regex SourceReference();
}
