using System.Globalization;
using System.Text;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Dynamics.Benchmarks -- reference</c>: solves each benchmark problem once with
/// Verner 8 at rtol = atol = 1e-14 and prints References/ReferenceStates.cs, with a second solve at 1e-13 to show how
/// far the reference itself can be trusted.
/// </summary>
internal static class ReferenceCommand
{
    public static int Run()
    {
        var text = new StringBuilder();
        text.AppendLine("namespace Dynamics.Benchmarks;").AppendLine();
        text.AppendLine("/// <summary>");
        text.AppendLine("/// Final states of the single-trajectory benchmark problems, computed once with Verner 8 at rtol = atol = 1e-14 by");
        text.AppendLine("/// <c>dotnet run -c Release --project Dynamics.Benchmarks -- reference &gt; Dynamics.Benchmarks/References/ReferenceStates.cs</c>.");
        text.AppendLine("/// The difference from a 1e-13 solve bounds each reference's own error.");
        text.AppendLine("/// </summary>");
        text.AppendLine("internal static class ReferenceStates");
        text.AppendLine("{");
        foreach (var name in TrajectoryProblems.Names)
        {
            var fine = TrajectoryProblems.Solve(name, new Verner8(), SolverOptions.WithTolerance(1e-14) with { SaveAt = SaveAt.End, MaxSteps = 10_000_000 });
            var coarse = TrajectoryProblems.Solve(name, new Verner8(), SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.End, MaxSteps = 10_000_000 });
            double spread = 0;
            for (int i = 0; i < fine.Dimension; i++) spread = Math.Max(spread, Math.Abs(fine.FinalState[i] - coarse.FinalState[i]));
            text.AppendLine(CultureInfo.InvariantCulture, $"    /// <summary>{name}: {fine.Statistics.AcceptedSteps} steps; differs from the 1e-13 solve by {spread:E1}.</summary>");
            text.Append(CultureInfo.InvariantCulture, $"    public static ReadOnlySpan<double> {name} => [");
            for (int i = 0; i < fine.Dimension; i++) text.Append(i == 0 ? "" : ", ").Append(fine.FinalState[i].ToString("R", CultureInfo.InvariantCulture));
            text.AppendLine("];").AppendLine();
        }

        text.Length -= Environment.NewLine.Length;
        text.AppendLine("}");
        Console.Write(text.ToString());
        return 0;
    }
}
