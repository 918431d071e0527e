using System.Numerics;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;

namespace Dynamics.Tests.Core.Analysis;

public class FixedPointTests
{
    // f(y) = A (y − c): one equilibrium at c = (0.3, −0.2), off the seed lattice, with the eigenvalues of A.
    private static DelegateVectorField Linear(double a, double b, double c, double d) => VectorField.Create(2, (t, y, dy) =>
    {
        double x = y[0] - 0.3, v = y[1] + 0.2;
        dy[0] = a * x + b * v;
        dy[1] = c * x + d * v;
    });

    [Theory]
    [InlineData(-1, 0, 0, -3, FixedPointClass.StableNode)]
    [InlineData(-1, 1, 0, -1, FixedPointClass.StableNode)] // degenerate node: one repeated eigenvalue, one eigenvector
    [InlineData(2, 0, 1, 1, FixedPointClass.UnstableNode)]
    [InlineData(-0.5, -2, 2, -0.5, FixedPointClass.StableSpiral)]
    [InlineData(0.3, 1, -1, 0.3, FixedPointClass.UnstableSpiral)]
    [InlineData(1, 0, 0, -2, FixedPointClass.Saddle)]
    [InlineData(0, 1, 1, 0, FixedPointClass.Saddle)]
    [InlineData(0, 1, -4, 0, FixedPointClass.Centre)]
    public void Linear_systems_of_every_class_have_one_equilibrium_of_that_class(double a, double b, double c, double d, FixedPointClass expected)
    {
        var points = FixedPoints.Find(Linear(a, b, c, d), (-2, 2), (-2, 2));
        var point = Assert.Single(points);
        Assert.Equal(expected, point.Class);
        // Newton on a linear field converges in one step; the residual is rounding of a few ulps.
        Assert.Equal(0.3, point.Point[0], 1e-12);
        Assert.Equal(-0.2, point.Point[1], 1e-12);
        double trace = a + d, determinant = a * d - b * c;
        var sum = point.Eigenvalues[0] + point.Eigenvalues[1];
        var product = point.Eigenvalues[0] * point.Eigenvalues[1];
        // Central differences of a linear field are exact up to rounding (≈ ε/h ≈ 1e-11).
        Assert.True(Complex.Abs(sum - trace) < 1e-8, $"λ₁ + λ₂ = {sum}, trace {trace}");
        Assert.True(Complex.Abs(product - determinant) < 1e-8, $"λ₁λ₂ = {product}, det {determinant}");
    }

    [Fact]
    public void A_line_of_equilibria_is_found_along_its_length_and_reported_degenerate()
    {
        // f = (−x, 0): every point of the y-axis is an equilibrium (eigenvalues −1 and 0).
        var field = VectorField.Create(2, (t, y, dy) => { dy[0] = -y[0]; dy[1] = 0; });
        var points = FixedPoints.Find(field, (-1, 1), (-1, 1), new FixedPointOptions { SeedsPerAxis = 5 });
        Assert.Equal(5, points.Count);
        Assert.All(points, p =>
        {
            Assert.Equal(FixedPointClass.Degenerate, p.Class);
            Assert.Equal(0, p.Point[0], 1e-12);
        });
    }

    [Fact]
    public void A_saddle_node_is_degenerate_and_found_despite_linear_Newton_convergence()
    {
        var field = VectorField.Create(2, (t, y, dy) => { dy[0] = y[0] * y[0]; dy[1] = -y[1]; });
        var point = Assert.Single(FixedPoints.Find(field, (-1, 1), (-1, 1)));
        Assert.Equal(FixedPointClass.Degenerate, point.Class);
        // Newton halves x at each step and stops once the step is below 1e-12.
        Assert.InRange(Math.Abs(point.Point[0]), 0, 1e-11);
    }

    [Fact]
    public void Damped_pendulum_has_spirals_at_even_and_saddles_at_odd_multiples_of_pi()
    {
        var pendulum = new DampedPendulum();
        var points = FixedPoints.Find(pendulum, (-7, 7), (-3, 3));
        Assert.Equal(5, points.Count);
        double b = pendulum.Damping;
        for (int k = -2; k <= 2; k++)
        {
            var p = points[k + 2];
            // The analytic Jacobian is used and Newton converges quadratically: the point is exact to rounding.
            Assert.Equal(k * Math.PI, p.Point[0], 1e-12);
            Assert.Equal(0, p.Point[1], 1e-12);
            if (k % 2 == 0)
            {
                Assert.Equal(FixedPointClass.StableSpiral, p.Class);
                Assert.Equal(-b / 2, p.Eigenvalues[0].Real, 1e-12);
                Assert.Equal(Math.Sqrt(4 - b * b) / 2, Math.Abs(p.Eigenvalues[0].Imaginary), 1e-12);
            }
            else
            {
                Assert.Equal(FixedPointClass.Saddle, p.Class);
                Assert.Equal((-b - Math.Sqrt(b * b + 4)) / 2, p.Eigenvalues[0].Real, 1e-12);
                Assert.Equal((-b + Math.Sqrt(b * b + 4)) / 2, p.Eigenvalues[1].Real, 1e-12);
            }
        }
    }

    [Fact]
    public void Van_der_Pol_origin_is_an_unstable_spiral_with_eigenvalues_half_one_plus_minus_i_root_three()
    {
        var point = Assert.Single(FixedPoints.Find(new VanDerPol(), (-3, 3), (-3, 3)));
        Assert.Equal(FixedPointClass.UnstableSpiral, point.Class);
        Assert.Equal(0.5, point.Eigenvalues[0].Real, 1e-12);
        Assert.Equal(Math.Sqrt(3) / 2, Math.Abs(point.Eigenvalues[0].Imaginary), 1e-12);
    }

    [Fact]
    public void Lotka_Volterra_has_a_saddle_at_the_origin_and_a_centre_at_gamma_over_delta_alpha_over_beta()
    {
        var model = new LotkaVolterra();
        var points = FixedPoints.Find(model, (-0.5, 3), (-0.5, 2));
        Assert.Equal(2, points.Count);
        Assert.Equal(FixedPointClass.Saddle, points[0].Class);
        Assert.Equal(FixedPointClass.Centre, points[1].Class);
        Assert.Equal(model.Gamma / model.Delta, points[1].Point[0], 1e-12);
        Assert.Equal(model.Alpha / model.Beta, points[1].Point[1], 1e-12);
        Assert.Equal(Math.Sqrt(model.Alpha * model.Gamma), Math.Abs(points[1].Eigenvalues[0].Imaginary), 1e-12);
    }

    [Fact]
    public void Lorenz_has_a_saddle_and_two_saddle_foci_in_three_dimensions()
    {
        var lorenz = new Lorenz();
        var points = FixedPoints.Find(lorenz, [(-20, 20), (-20, 20), (-5, 40)], new FixedPointOptions { SeedsPerAxis = 8 });
        Assert.Equal(3, points.Count);
        double c = Math.Sqrt(lorenz.Beta * (lorenz.Rho - 1));
        Assert.Equal(-c, points[0].Point[0], 1e-10);
        Assert.Equal(0, points[1].Point[0], 1e-12);
        Assert.Equal(c, points[2].Point[0], 1e-10);
        Assert.Equal(FixedPointClass.Saddle, points[1].Class);
        Assert.Equal(FixedPointClass.SaddleFocus, points[0].Class);
        Assert.Equal(FixedPointClass.SaddleFocus, points[2].Class);
        // Origin: −β and (−(σ + 1) ± √((σ + 1)² + 4σ(ρ − 1)))/2.
        double root = Math.Sqrt(121 + 40 * 27);
        Assert.Equal((-11 - root) / 2, points[1].Eigenvalues[0].Real, 1e-10);
        Assert.Equal(-lorenz.Beta, points[1].Eigenvalues[1].Real, 1e-10);
        Assert.Equal((-11 + root) / 2, points[1].Eigenvalues[2].Real, 1e-10);
    }

    [Theory]
    [InlineData(new[] { -1.0, -2.0 }, FixedPointClass.StableNode)]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, FixedPointClass.UnstableNode)]
    [InlineData(new[] { -1.0, 2.0 }, FixedPointClass.Saddle)]
    [InlineData(new[] { 0.0, -1.0 }, FixedPointClass.Degenerate)]
    [InlineData(new[] { 1e-9, -1.0 }, FixedPointClass.Degenerate)]
    public void Real_spectra_classify_by_the_signs_of_their_eigenvalues(double[] eigenvalues, FixedPointClass expected) =>
        Assert.Equal(expected, FixedPoint.Classify([.. eigenvalues.Select(e => new Complex(e, 0))]));

    [Fact]
    public void Complex_spectra_classify_as_spirals_centres_and_saddle_foci()
    {
        Assert.Equal(FixedPointClass.StableSpiral, FixedPoint.Classify([new(-1, 2), new(-1, -2)]));
        Assert.Equal(FixedPointClass.Centre, FixedPoint.Classify([new(0, 2), new(0, -2)]));
        Assert.Equal(FixedPointClass.SaddleFocus, FixedPoint.Classify([new(-13.8, 0), new(0.09, 10.2), new(0.09, -10.2)]));
        Assert.Equal(FixedPointClass.Degenerate, FixedPoint.Classify([new(0, 1), new(0, -1), new(-1, 0)]));
        Assert.Equal(FixedPointClass.Degenerate, FixedPoint.Classify([Complex.Zero, Complex.Zero]));
    }

    [Theory]
    [InlineData(1.0, 1.0, "xRange", "empty")]
    [InlineData(2.0, -2.0, "xRange", "reversed")]
    [InlineData(double.NaN, 1.0, "xRange", "finite")]
    [InlineData(0.0, double.PositiveInfinity, "xRange", "finite")]
    public void Bad_ranges_are_rejected_naming_the_parameter_and_the_value(double min, double max, string name, string word)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => FixedPoints.Find(new VanDerPol(), (min, max), (-1, 1)));
        Assert.Equal(name, ex.ParamName);
        Assert.Contains(word, ex.Message);
        Assert.Contains(new Interval(min, max).ToString(), ex.Message);
    }

    [Fact]
    public void Bad_options_and_boxes_are_rejected()
    {
        var vdp = new VanDerPol();
        var seeds = Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoints.Find(vdp, (-1, 1), (-1, 1), new FixedPointOptions { SeedsPerAxis = 0 }));
        Assert.Contains("SeedsPerAxis", seeds.Message);
        Assert.Contains("0", seeds.Message);
        var tolerance = Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoints.Find(vdp, (-1, 1), (-1, 1), new FixedPointOptions { ResidualTolerance = double.NaN }));
        Assert.Equal("ResidualTolerance", tolerance.ParamName);
        var box = Assert.ThrowsAny<ArgumentException>(() => FixedPoints.Find(vdp, [(-1, 1)]));
        Assert.Equal("box", box.ParamName);
        var planar = Assert.ThrowsAny<ArgumentException>(() => FixedPoints.Find(new Lorenz(), (-1, 1), (-1, 1)));
        Assert.Equal("field", planar.ParamName);
        Assert.Throws<ArgumentException>(() => FixedPoint.Classify([]));
    }
}
