using System.Globalization;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Trajectories;

namespace Dynamics.Tests.Core.Trajectories;

public class PathCsvTests
{
    private static Solution LorenzSolution() =>
        Ode.Solve(OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 1.0), new DormandPrince5(), SolverOptions.WithTolerance(1e-8));

    [Fact]
    public void Csv_has_a_named_header_and_round_trips_every_number_bit_for_bit()
    {
        var solution = LorenzSolution();
        var writer = new StringWriter();
        solution.WriteCsv(writer, PathCsv.ComponentNames(new Lorenz()));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("t,x,y,z", lines[0]);
        Assert.Equal(solution.Count + 1, lines.Length);
        for (int k = 0; k < solution.Count; k++)
        {
            var cells = lines[k + 1].Split(',');
            Assert.Equal(4, cells.Length);
            Assert.Equal(solution.Times[k], double.Parse(cells[0], CultureInfo.InvariantCulture));
            for (int j = 0; j < 3; j++) Assert.Equal(solution.State(k)[j], double.Parse(cells[j + 1], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Csv_ignores_the_current_culture()
    {
        var solution = LorenzSolution();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // A culture that writes one half as 0,5 (built by hand: the test host may run with invariant globalization).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var writer = new StringWriter();
            solution.WriteCsv(writer);
            Assert.All(writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal(4, line.Split(',').Length));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_field_without_names_gets_y0_y1_and_names_with_commas_are_quoted()
    {
        var field = VectorField.Create(2, (t, y, dydt) =>
        {
            dydt[0] = y[1];
            dydt[1] = -y[0];
        });
        Assert.Equal(["y0", "y1"], PathCsv.ComponentNames(field));
        var solution = Ode.Solve(OdeProblem.Create(field, [1.0, 0.0], 0.0, 1.0), new DormandPrince5());
        var writer = new StringWriter();
        solution.WriteCsv(writer, ["x, m", "say \"v\""]);
        Assert.StartsWith("t,\"x, m\",\"say \"\"v\"\"\"\n", writer.ToString());
    }

    [Fact]
    public void Writing_to_a_file_is_atomic_and_leaves_no_temporary_file()
    {
        var folder = Directory.CreateTempSubdirectory("dynamics-csv-");
        try
        {
            var solution = LorenzSolution();
            string written = solution.WriteCsv(Path.Combine(folder.FullName, "sub", "lorenz.csv"), PathCsv.ComponentNames(new Lorenz()));
            var expected = new StringWriter();
            solution.WriteCsv(expected, PathCsv.ComponentNames(new Lorenz()));
            Assert.Equal(expected.ToString(), File.ReadAllText(written));
            Assert.Equal([written], Directory.GetFiles(Path.GetDirectoryName(written)!));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_path_that_cannot_be_written_is_an_IOException_naming_it()
    {
        var folder = Directory.CreateTempSubdirectory("dynamics-csv-");
        try
        {
            // A regular file where a folder is needed cannot be written, whoever runs the test (root included).
            string blocker = Path.Combine(folder.FullName, "not-a-folder");
            File.WriteAllText(blocker, "");
            string target = Path.Combine(blocker, "out.csv");
            var error = Assert.ThrowsAny<IOException>(() => LorenzSolution().WriteCsv(target));
            Assert.Contains(target, error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Wrong_names_are_rejected()
    {
        var solution = LorenzSolution();
        var error = Assert.Throws<ArgumentException>(() => solution.WriteCsv(new StringWriter(), ["x", "y"]));
        Assert.Equal("componentNames", error.ParamName);
        Assert.Contains("2 names", error.Message);
        Assert.Throws<ArgumentException>(() => solution.WriteCsv(new StringWriter(), ["x", "", "z"]));
    }
}
