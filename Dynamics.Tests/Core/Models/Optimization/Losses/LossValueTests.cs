using Dynamics.Fields;
using Dynamics.Models.Estimators;
using Dynamics.Models.Information;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;

namespace Dynamics.Tests.Core.Models.Optimization.Losses;

/// <summary>
/// Each loss writes its value once, generic over the number type: on doubles it still computes what the former
/// double-only code computed (kept here as the oracle), each SIMD lane equals the scalar value to the bit, and on dual
/// numbers its derivative equals the loss's separately written gradient, which checks the two formulas against each other.
/// </summary>
public class LossValueTests
{
    // The critic sample: 64 pairs of 2-dimensional Gaussians with ρ = 0.6, two negatives per positive; InfoNCE with K = 8.
    private static readonly CriticSample Pairs = new(new CorrelatedGaussian(0.6, 2), 3, 64, 2);

    public static TheoryData<string> Losses() =>
    [
        "rosenbrock", "beale", "himmelblau", "quadratic", "least-squares", "polyak-quartic", "normal-square", "infomax",
        "categorical", "critic-js", "critic-dv", "critic-nwj", "critic-infonce",
    ];

    [Theory]
    [MemberData(nameof(Losses))]
    public void The_generic_value_is_the_former_double_value(string name)
    {
        var (loss, former, tolerance) = Case(name);
        foreach (var theta in Points(loss, name))
        {
            double value = loss.Value(theta), expected = former(theta);
            Assert.True(Math.Abs(value - expected) <= tolerance * Math.Max(1, Math.Abs(expected)),
                $"{name} at ({string.Join(", ", theta)}): {value:R}, formerly {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Every_lane_width_gives_the_scalar_value_to_the_bit(string name)
    {
        var (loss, _, _) = Case(name);
        var points = Points(loss, name);
        if (Lane512.IsHardwareAccelerated) LanesMatchScalar<Lane512>(loss, points, name);
        if (Lane256.IsHardwareAccelerated) LanesMatchScalar<Lane256>(loss, points, name);
        LanesMatchScalar<ScalarLane>(loss, points, name);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void The_dual_derivative_of_the_value_is_the_gradient(string name)
    {
        var (loss, _, _) = Case(name);
        int d = loss.Dimension;
        var random = new Random(17);
        var gradient = new double[d];
        var point = new DualNumber[d];
        foreach (var theta in Points(loss, name))
        {
            var direction = new double[d];
            for (int i = 0; i < d; i++) direction[i] = -1 + 2 * random.NextDouble();
            for (int i = 0; i < d; i++) point[i] = new DualNumber(theta[i], direction[i]);
            var dual = loss.Value<DualNumber, BroadcastParameters<DualNumber>, SpanVector<DualNumber>>(default, new SpanVector<DualNumber>(point));
            loss.Gradient(theta, gradient);
            double expected = 0, scale = 0;
            for (int i = 0; i < d; i++)
            {
                expected += gradient[i] * direction[i];
                scale += Math.Abs(gradient[i] * direction[i]);
            }

            // The dual number runs the scalar operations on its value part: the same bits.
            Assert.Equal(BitConverter.DoubleToInt64Bits(loss.Value(theta)), BitConverter.DoubleToInt64Bits(dual.Value));
            // Both are exact derivatives, of two formulas with different roundings: a few ulps of the terms Σ|∂ᵢL·vᵢ|
            // (cancellation between terms is why the scale is their absolute sum, not the result).
            Assert.True(Math.Abs(dual.Derivative - expected) <= 1e-12 * Math.Max(1, scale),
                $"{name} at ({string.Join(", ", theta)}): ∇L·v is {dual.Derivative:R} by AD, {expected:R} by the gradient");
        }
    }

    [Fact]
    public void Softplus_is_the_branching_double_formula_to_the_bit_and_its_derivative_is_the_sigmoid()
    {
        foreach (double u in new[] { -800.0, -40.0, -3.5, -1e-9, -0.0, 0.0, 1e-12, 0.7, 12.0, 40.0, 750.0 })
        {
            double branching = u > 0 ? u + LaneMath.Log(1 + LaneMath.Exp(-u)) : LaneMath.Log(1 + LaneMath.Exp(u));
            Assert.Equal(BitConverter.DoubleToInt64Bits(branching), BitConverter.DoubleToInt64Bits(FieldFunctions.Softplus(ScalarLane.Create(u)).Value));
            var dual = FieldFunctions.Softplus(new DualNumber(u, 1));
            // σ(u) against the dual derivative e^{−|u|}/(1 + e^{−|u|}) or 1 − that: an ulp or two.
            Assert.Equal(1 / (1 + Math.Exp(-u)), dual.Derivative, 1e-15);
        }
    }

    private static void LanesMatchScalar<TLane>(ILoss loss, IReadOnlyList<double[]> points, string name) where TLane : struct, ILane<TLane>
    {
        int w = TLane.Count, d = loss.Dimension;
        for (int first = 0; first < points.Count; first += w)
        {
            var y = new double[d * w];
            for (int l = 0; l < w; l++)
            {
                for (int j = 0; j < d; j++) y[j * w + l] = points[(first + l) % points.Count][j];
            }

            var lanes = loss.Value<TLane, BroadcastParameters<TLane>, LaneVector<TLane>>(default, new LaneVector<TLane>(y, 0, w, d));
            var values = new double[w];
            lanes.Store(values, 0);
            for (int l = 0; l < w; l++)
            {
                double scalar = loss.Value(points[(first + l) % points.Count]);
                Assert.True(BitConverter.DoubleToInt64Bits(scalar) == BitConverter.DoubleToInt64Bits(values[l]),
                    $"{name} on {typeof(TLane).Name}, lane {l}: {values[l]:R}, scalar {scalar:R}");
            }
        }
    }

    // 24 points in each loss's natural range (the noise s of InfoMax positive, the critic's coefficients small enough
    // that e^T stays moderate on Gaussian data).
    private static List<double[]> Points(ILoss loss, string name)
    {
        var random = new Random(name.Length * 31 + 7);
        var points = new List<double[]>();
        for (int k = 0; k < 24; k++)
        {
            var theta = new double[loss.Dimension];
            for (int i = 0; i < theta.Length; i++) theta[i] = name.StartsWith("critic", StringComparison.Ordinal) ? -0.4 + 0.8 * random.NextDouble() : -2 + 4 * random.NextDouble();
            if (name == "infomax") theta[1] = 0.2 + Math.Abs(theta[1]);
            points.Add(theta);
        }

        return points;
    }

    // The loss, its former double formula, and how far apart the two may be relative to max(1, |L|). Polynomials run
    // the same operations in the same order: 0. Where the lane logarithm and exponential replace Math's (both faithful,
    // within an ulp), a few ulps of terms of size ≲ 10: 1e-14. The critic's sums over 128–256 pairs add each term's ulp,
    // and InfoNCE now leaves out the terms of xᵢ alone, which cancel in each row exactly but not in rounding: 1e-13.
    private static (ILoss Loss, Func<double[], double> Former, double Tolerance) Case(string name) => name switch
    {
        "rosenbrock" => (new RosenbrockLoss(1.5, 30), t => (1.5 - t[0]) * (1.5 - t[0]) + 30 * (t[1] - t[0] * t[0]) * (t[1] - t[0] * t[0]), 0),
        "beale" => (new BealeLoss(), t => Beale(t[0], t[1]), 0),
        "himmelblau" => (new HimmelblauLoss(), t => Square(t[0] * t[0] + t[1] - 11) + Square(t[0] + t[1] * t[1] - 7), 0),
        "quadratic" => (new QuadraticLoss(new[,] { { 3.0, 1.0 }, { 1.0, 2.0 } }, [0.5, -1]), Quadratic, 0),
        "least-squares" => (LeastSquares(), LeastSquaresValue, 0),
        "polyak-quartic" => (new PolyakQuarticLoss(), t => t[0] * (t[0] - 1) * (t[0] - 3) * (t[0] - 3) + PolyakQuarticLoss.SuOffset, 0),
        "normal-square" => (new NormalSquareLoss(new SquareObjective { Target = 0.75 }), t => (t[0] - 0.75) * (t[0] - 0.75) + t[1] * t[1], 0),
        "infomax" => (new InfoMaxLoss(1.5, 0.5), t => -1.5 * 0.5 * Math.Log(1 + t[0] * t[0] / (t[1] * t[1])) + 0.5 * 0.5 * (t[0] * t[0] + t[1] * t[1] - Math.Log(t[1] * t[1]) - 1), 1e-14),
        "categorical" => (new CategoricalLoss(Simplex()), Expectation, 1e-14),
        "critic-js" => (new CriticLoss(Pairs), t => -FormerJensenShannon(t), 1e-13),
        "critic-dv" => (new CriticLoss(Pairs, CriticObjective.DonskerVaradhan), t => -(PositiveMean(t) - LogMeanExp(t)), 1e-13),
        "critic-nwj" => (new CriticLoss(Pairs, CriticObjective.NguyenWainwrightJordan), t => -(1 + PositiveMean(t) - Math.Exp(LogMeanExp(t))), 1e-13),
        _ => (new CriticLoss(Pairs, CriticObjective.InfoNce, 8), t => -FormerInfoNce(t, 8), 1e-13),
    };

    private static double Square(double x) => x * x;

    private static double Beale(double x, double y)
    {
        double r1 = 1.5 - x + x * y, r2 = 2.25 - x + x * y * y, r3 = 2.625 - x + x * y * y * y;
        return r1 * r1 + r2 * r2 + r3 * r3;
    }

    private static double Quadratic(double[] t)
    {
        double[] a = [3, 1, 1, 2], c = [0.5, -1];
        double sum = 0;
        for (int i = 0; i < 2; i++)
        {
            double row = 0;
            for (int j = 0; j < 2; j++) row += a[i * 2 + j] * (t[j] - c[j]);
            sum += (t[i] - c[i]) * row;
        }

        return 0.5 * sum;
    }

    private static readonly double[,] Inputs = { { 1.0, 2.0 }, { -0.5, 1.0 }, { 3.0, 0.25 } };
    private static readonly double[] Targets = [1.0, -2.0, 0.5];

    private static LeastSquaresLoss LeastSquares() => new(Inputs, Targets);

    private static double LeastSquaresValue(double[] w)
    {
        double sum = 0;
        for (int i = 0; i < 3; i++)
        {
            double prediction = 0;
            for (int j = 0; j < 2; j++) prediction += Inputs[i, j] * w[j];
            double r = prediction - Targets[i];
            sum += r * r;
        }

        return 0.5 * sum;
    }

    private static SimplexObjective Simplex() => new([0.3, -1.2, 2.0], 0.8, [0.2, 0.5, 0.3]);

    private static double Expectation(double[] logits)
    {
        var objective = Simplex();
        var p = new double[3];
        Categorical.Softmax(logits, p);
        double sum = 0;
        for (int i = 0; i < 3; i++) sum += p[i] * objective.VertexValue(i);
        return sum;
    }

    private static double Dot(double[] w, ReadOnlySpan<double> phi)
    {
        double t = 0;
        for (int k = 0; k < w.Length; k++) t += w[k] * phi[k];
        return t;
    }

    private static double Softplus(double u) => u > 0 ? u + Math.Log(1 + Math.Exp(-u)) : Math.Log(1 + Math.Exp(u));

    private static double FormerJensenShannon(double[] w)
    {
        double positive = 0, negative = 0;
        for (int i = 0; i < Pairs.Count; i++) positive -= Softplus(-Dot(w, Pairs.PositiveFeatures(i)));
        for (int j = 0; j < Pairs.NegativeCount; j++) negative -= Softplus(Dot(w, Pairs.NegativeFeatures(j)));
        return positive / Pairs.Count + negative / Pairs.NegativeCount;
    }

    private static double PositiveMean(double[] w)
    {
        double sum = 0;
        for (int i = 0; i < Pairs.Count; i++) sum += Dot(w, Pairs.PositiveFeatures(i));
        return sum / Pairs.Count;
    }

    private static double LogMeanExp(double[] w)
    {
        double max = double.NegativeInfinity, sum = 0;
        for (int j = 0; j < Pairs.NegativeCount; j++) max = Math.Max(max, Dot(w, Pairs.NegativeFeatures(j)));
        for (int j = 0; j < Pairs.NegativeCount; j++) sum += Math.Exp(Dot(w, Pairs.NegativeFeatures(j)) - max);
        return max + Math.Log(sum / Pairs.NegativeCount);
    }

    // The former InfoNCE: full critic scores T(xᵢ, z_c) from the points, not from the features.
    private static double FormerInfoNce(double[] w, int batch)
    {
        var critic = QuadraticCritic.FromCoefficients(w);
        int batches = Pairs.Count / batch;
        var scores = new double[batch];
        double total = 0;
        for (int b = 0; b < batches; b++)
        {
            for (int r = 0; r < batch; r++)
            {
                int i = b * batch + r;
                double max = double.NegativeInfinity, sum = 0;
                for (int c = 0; c < batch; c++) max = Math.Max(max, scores[c] = critic.Evaluate(Pairs.X(i), Pairs.Z(b * batch + c)));
                foreach (double s in scores) sum += Math.Exp(s - max);
                total += scores[r] - (max + Math.Log(sum / batch));
            }
        }

        return total / (batches * batch);
    }
}
