using CsCheck;
using Dynamics.Models.Optimization.Losses;

namespace Dynamics.Tests.Core.Models.Optimization.Losses;

public class LossTests
{
    public static TheoryData<string> Losses() => ["quadratic", "rosenbrock", "himmelblau", "beale", "quartic", "least-squares"];

    [Theory]
    [MemberData(nameof(Losses))]
    public void Gradient_Hessian_and_Hessian_vector_products_agree_with_finite_differences(string name)
    {
        var loss = Create(name);
        int d = loss.Dimension;
        Gen.Double[-2.0, 2.0].Array[d].Sample(theta =>
        {
            var g = new double[d];
            var hessian = new double[d * d];
            loss.Gradient(theta, g);
            LossGradient.Hessian(loss, theta, hessian);
            double scale = 1 + Math.Abs(loss.Value(theta));
            for (int j = 0; j < d; j++)
            {
                double h = 1e-5 * Math.Max(1, Math.Abs(theta[j]));
                var plus = (double[])theta.Clone();
                var minus = (double[])theta.Clone();
                plus[j] += h;
                minus[j] -= h;
                // Central differences: error h²|L‴|/6 ≈ 1e-10·|L‴| plus rounding ε|L|/h ≈ 2e-11·|L|; 1e-5 relative is ample.
                Assert.Equal((loss.Value(plus) - loss.Value(minus)) / (2 * h), g[j], 1e-5 * scale * 100);
                var gPlus = new double[d];
                var gMinus = new double[d];
                loss.Gradient(plus, gPlus);
                loss.Gradient(minus, gMinus);
                for (int i = 0; i < d; i++) Assert.Equal((gPlus[i] - gMinus[i]) / (2 * h), hessian[i * d + j], 1e-5 * scale * 100);
            }

            var v = theta.Select((x, i) => Math.Cos(i + x)).ToArray();
            var product = new double[d];
            LossGradient.HessianTimes(loss, theta, v, product);
            for (int i = 0; i < d; i++)
            {
                double expected = 0;
                for (int j = 0; j < d; j++) expected += hessian[i * d + j] * v[j];
                Assert.Equal(expected, product[i], 1e-9 * (1 + Math.Abs(expected)));
            }
        }, iter: 60);
    }

    [Fact]
    public void Known_minimisers_are_critical_points_with_zero_loss()
    {
        var g = new double[2];
        foreach (var m in HimmelblauLoss.Minimizers)
        {
            new HimmelblauLoss().Gradient(m, g);
            // Newton-polished constants: the residual gradient is rounding, |∇L| ≲ 1e-13 at |θ| ≈ 3.
            Assert.True(Math.Abs(g[0]) + Math.Abs(g[1]) < 1e-12);
            Assert.True(new HimmelblauLoss().Value(m) < 1e-24);
        }

        new HimmelblauLoss().Gradient(HimmelblauLoss.LocalMaximizer.ToArray(), g);
        Assert.True(Math.Abs(g[0]) + Math.Abs(g[1]) < 1e-12);
        Assert.Equal(0, new BealeLoss().Value(BealeLoss.Minimizers[0]));
        var rosenbrock = new RosenbrockLoss() with { A = 2 };
        Assert.Equal(0, rosenbrock.Value(rosenbrock.Minimizers[0]));
    }

    [Fact]
    public void Polyak_quartic_has_its_closed_form_critical_points()
    {
        var f = new PolyakQuarticLoss();
        Assert.Equal(0.4069297, PolyakQuarticLoss.GlobalMinimizer, 5e-8);
        Assert.Equal(1.8430703, PolyakQuarticLoss.LocalMaximizer, 5e-8);
        foreach (double x in new[] { PolyakQuarticLoss.GlobalMinimizer, PolyakQuarticLoss.LocalMaximizer, PolyakQuarticLoss.LocalMinimizer })
            Assert.True(Math.Abs(PolyakQuarticLoss.Derivative(x)) < 1e-13);
        Assert.True(PolyakQuarticLoss.SecondDerivative(PolyakQuarticLoss.GlobalMinimizer) > 0);
        Assert.True(PolyakQuarticLoss.SecondDerivative(PolyakQuarticLoss.LocalMaximizer) < 0);
        Assert.True(PolyakQuarticLoss.SecondDerivative(3) > 0);
        // f(global min) ≈ 5.5e-7 ≈ 0 and f(3) = c exactly.
        Assert.Equal(5.5e-7, f.Evaluate(PolyakQuarticLoss.GlobalMinimizer), 5e-9);
        Assert.Equal(1.62276, f.Evaluate(3), 1e-15);
    }

    [Fact]
    public void Quadratic_reports_its_curvatures_and_rejects_bad_matrices()
    {
        var loss = new QuadraticLoss(new[,] { { 2.0, 1.0 }, { 1.0, 2.0 } }, [1.0, -1.0]);
        Assert.Equal(1.0, loss.Curvatures[0], 1e-14);
        Assert.Equal(3.0, loss.Curvatures[1], 1e-14);
        Assert.Equal(0, loss.Value([1.0, -1.0]));

        var notPd = Assert.Throws<ArgumentException>(() => new QuadraticLoss(new[,] { { 1.0, 2.0 }, { 2.0, 1.0 } }));
        Assert.Equal("matrix", notPd.ParamName);
        Assert.Contains("positive definite", notPd.Message);
        Assert.Contains("smallest eigenvalue is -0.99999", notPd.Message);
        var asymmetric = Assert.Throws<ArgumentException>(() => new QuadraticLoss(new[,] { { 1.0, 0.5 }, { 0.0, 1.0 } }));
        Assert.Contains("symmetric", asymmetric.Message);
        var nan = Assert.Throws<ArgumentException>(() => new QuadraticLoss(new[,] { { double.NaN } }));
        Assert.Contains("NaN", nan.Message);
        var square = Assert.Throws<ArgumentException>(() => new QuadraticLoss(new double[2, 3]));
        Assert.Contains("2 × 3", square.Message);
        var center = Assert.Throws<ArgumentException>(() => new QuadraticLoss(new[,] { { 1.0 } }, [1.0, 2.0]));
        Assert.Equal("center", center.ParamName);
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => QuadraticLoss.Isotropic(2, 0));
        Assert.Equal("curvature", zero.ParamName);
    }

    internal static ILoss Create(string name) => name switch
    {
        "quadratic" => new QuadraticLoss(new[,] { { 3.0, 0.5, 0.0 }, { 0.5, 2.0, 0.2 }, { 0.0, 0.2, 1.0 } }, [0.1, -0.2, 0.3]),
        "rosenbrock" => new RosenbrockLoss(),
        "himmelblau" => new HimmelblauLoss(),
        "beale" => new BealeLoss(),
        "quartic" => new PolyakQuarticLoss(),
        _ => new LeastSquaresLoss(new[,] { { 1.0, 0.5, -0.3 }, { 0.2, -1.0, 0.7 } }, [1.0, -0.5]),
    };
}
