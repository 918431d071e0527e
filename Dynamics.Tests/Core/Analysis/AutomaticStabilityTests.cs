using System.Numerics;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;

namespace Dynamics.Tests.Core.Analysis;

/// <summary>
/// Linear stability through automatic differentiation: <see cref="LinearStability.At{TField}"/> on lane fields takes the
/// exact Jacobian of their one formula, and the eigenvalues at the fixed points agree with the closed forms to rounding.
/// </summary>
public class AutomaticStabilityTests
{
    // The eigenvalues of a 2 × 2 or 3 × 3 matrix with entries of size ‖J‖ carry a backward error of a few ε‖J‖
    // (Wilkinson), so a well-separated eigenvalue is found to ~1e-15·‖J‖: 1e-14 absolute for the pendulum and Duffing
    // (‖J‖ ≤ 2), 1e-14·‖J‖ ≈ 3e-13 for Lorenz (‖J‖ ≈ 30). Central differences would be off by ~1e-10.
    private const double Rounding = 1e-14;

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.0)]
    [InlineData(0.3, 2.0)]
    public void Pendulum_eigenvalues_at_rest_and_inverted_match_the_closed_forms(double damping, double gravityOverLength)
    {
        var pendulum = new DampedPendulum(damping, gravityOverLength);
        // θ'' + bθ' + (g/L) cos θ* · θ = 0: s² + bs ± g/L = 0 at θ* = 0 (+) and θ* = π (−).
        AssertEigenvalues(pendulum, [0.0, 0.0], Quadratic(damping, gravityOverLength), Rounding);
        AssertEigenvalues(pendulum, [Math.PI, 0.0], Quadratic(damping, -gravityOverLength), Rounding);
    }

    [Fact]
    public void Duffing_eigenvalues_at_the_saddle_and_the_wells_match_the_closed_forms()
    {
        // x'' + δx' + αx + βx³ = 0 with α = −1, β = 1: the saddle x = 0 has s² + δs + α = 0 and the wells x = ±√(−α/β)
        // have s² + δs − 2α = 0.
        var duffing = new Duffing();
        double well = Math.Sqrt(-duffing.Stiffness / duffing.Nonlinearity);
        AssertEigenvalues(duffing, [0.0, 0.0], Quadratic(duffing.Damping, duffing.Stiffness), Rounding);
        AssertEigenvalues(duffing, [well, 0.0], Quadratic(duffing.Damping, -2 * duffing.Stiffness), Rounding);
        AssertEigenvalues(duffing, [-well, 0.0], Quadratic(duffing.Damping, -2 * duffing.Stiffness), Rounding);
    }

    [Fact]
    public void Lorenz_eigenvalues_at_the_origin_and_the_wings_match_the_closed_forms()
    {
        var lorenz = new Lorenz();
        double sigma = lorenz.Sigma, rho = lorenz.Rho, beta = lorenz.Beta;
        // Origin: −β and the roots of s² + (σ + 1)s − σ(ρ − 1) = 0.
        Complex[] origin = [.. Quadratic(sigma + 1, -sigma * (rho - 1)), new Complex(-beta, 0)];
        AssertEigenvalues(lorenz, [0.0, 0.0, 0.0], origin, 30 * Rounding);

        // C± = (±√(β(ρ − 1)), ±√(β(ρ − 1)), ρ − 1): the roots of s³ + (σ + β + 1)s² + β(σ + ρ)s + 2σβ(ρ − 1) = 0, whose
        // closed form is Cardano's; checked as the residual of that cubic at each computed root, scaled by its terms.
        double c = Math.Sqrt(beta * (rho - 1));
        foreach (double sign in new[] { 1.0, -1.0 })
        {
            var stability = AutomaticStability(lorenz, [sign * c, sign * c, rho - 1]);
            Assert.Equal(3, stability.Eigenvalues.Length);
            foreach (var s in stability.Eigenvalues)
            {
                var residual = s * s * s + (sigma + beta + 1) * s * s + beta * (sigma + rho) * s + 2 * sigma * beta * (rho - 1);
                double scale = Math.Max(Complex.Abs(s * s * s), 2 * sigma * beta * (rho - 1));
                // A root off by δ leaves a residual of |p′(s)|·δ ≲ 3·scale·δ/|s|; δ ≲ 3e-13 gives the bound.
                Assert.True(Complex.Abs(residual) <= 1e-12 * scale, $"s = {s}: residual {Complex.Abs(residual):e2} of scale {scale:e2}");
            }

            // The trace and determinant of the Jacobian at C± in closed form: −(σ + β + 1) and −2σβ(ρ − 1).
            var sum = stability.Eigenvalues.Aggregate(Complex.Zero, (a, b) => a + b);
            var product = stability.Eigenvalues.Aggregate(Complex.One, (a, b) => a * b);
            Assert.Equal(-(sigma + beta + 1), sum.Real, 30 * Rounding);
            Assert.Equal(0, sum.Imaginary, 30 * Rounding);
            Assert.Equal(-2 * sigma * beta * (rho - 1), product.Real, 1e-11);  // |product| ≈ 1440: 1e-14 relative
        }
    }

    [Fact]
    public void A_lane_field_is_differentiated_automatically_a_delegate_by_differences()
    {
        var lorenz = new Lorenz();
        double[] y = [1.5, -2.0, 20.0];
        var automatic = new double[9];
        LaneField.Jacobian(lorenz, 0, y, automatic);
        // Bit for bit: the analysis took the automatic Jacobian, not the analytic twin or differences.
        Assert.Equal(automatic, Jacobian.At(lorenz, 0, y).ToRowMajorArray());
        Assert.True(Jacobian.HasExact(lorenz));
        var opaque = VectorField.Create(3, lorenz.Evaluate);
        Assert.False(Jacobian.HasExact(opaque));
        Assert.False(Jacobian.TryExact(opaque, 0, y, new double[9]));
    }

    /// <summary>The roots of s² + bs + c = 0.</summary>
    private static Complex[] Quadratic(double b, double c)
    {
        var root = Complex.Sqrt(b * b - 4 * c);
        return [(-b - root) / 2, (-b + root) / 2];
    }

    private static LinearStability AutomaticStability<TField>(TField field, double[] point) where TField : ILaneField
    {
        var stability = LinearStability.At(field, point);
        var automatic = new double[point.Length * point.Length];
        LaneField.Jacobian(field, 0, point, automatic);
        Assert.Equal(automatic, stability.JacobianMatrix.ToRowMajorArray());
        return stability;
    }

    private static void AssertEigenvalues<TField>(TField field, double[] point, Complex[] expected, double tolerance) where TField : ILaneField
    {
        var computed = AutomaticStability(field, point).Eigenvalues.ToList();
        Assert.Equal(expected.Length, computed.Count);
        // Matched to the nearest computed eigenvalue: a centre's ±i may come out with real parts ∓1e-17 and swap places.
        foreach (var s in expected)
        {
            var nearest = computed.MinBy(c => Complex.Abs(c - s));
            double error = Complex.Abs(nearest - s);
            Assert.True(error <= tolerance, $"{field} at ({string.Join(", ", point)}): eigenvalue {nearest} vs {s}, error {error:e2}");
            computed.Remove(nearest);
        }
    }
}
