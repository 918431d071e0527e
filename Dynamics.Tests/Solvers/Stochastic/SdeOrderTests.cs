using Dynamics.Fields;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.Stochastic;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.Stochastic;

/// <summary>
/// Strong and weak orders of the SDE methods on geometric Brownian motion and Ornstein–Uhlenbeck, against their closed
/// forms. Weak errors E φ(X_N) − E φ(X_T), φ = x and x², are estimated as the mean of φ(X_N) − φ(X_T) over paths whose
/// exact X_T is computed from the same Brownian path: the closed-form mean of φ(X_T) then enters exactly, and the Monte
/// Carlo noise is that of the difference (of the size of the strong error), which the tests require to be below the bias.
/// </summary>
public class SdeOrderTests(ITestOutputHelper output)
{
    // dX = μX dt + σX dW, X(T) = X₀ exp((μ − σ²/2)T + σW_T): E X_T = X₀e^{μT}, E X_T² = X₀²e^{(2μ + σ²)T}.
    private sealed class GeometricBrownianMotion(double mu, double sigma) : IStochasticField
    {
        public int Dimension => 1;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = mu * y[0];

        public void Diffusion(double t, ReadOnlySpan<double> y, Span<double> amplitudes) => amplitudes[0] = sigma * y[0];
    }

    private const double Mu = 1, Volatility = 0.5, Horizon = 1, Start = 1;
    private static readonly int[] GbmSweep = [8, 16, 32, 64, 128, 256];

    private static double GbmExact(BrownianPath path) => Start * Math.Exp((Mu - 0.5 * Volatility * Volatility) * Horizon + Volatility * path.End);

    private readonly record struct Errors(double[] Strong, double[] Mean, double[] MeanSe, double[] Second, double[] SecondSe);

    // Per step count: E|X_N − X_T|, and the paired weak errors of x and x² with their standard errors.
    private static Errors Measure(ISdeStepper stepper, BrownianPath path, Func<BrownianPath, double> exact, double x0, int[] sweep, int paths, ulong seed)
    {
        int n = sweep.Length;
        var strong = new double[n];
        var sum1 = new double[n];
        var sq1 = new double[n];
        var sum2 = new double[n];
        var sq2 = new double[n];
        for (int p = 0; p < paths; p++)
        {
            path.Draw(seed, p);
            double x = exact(path);
            for (int s = 0; s < n; s++)
            {
                double y = path.Solve(stepper, x0, sweep[s]);
                double d1 = y - x, d2 = y * y - x * x;
                strong[s] += Math.Abs(d1);
                sum1[s] += d1;
                sq1[s] += d1 * d1;
                sum2[s] += d2;
                sq2[s] += d2 * d2;
            }
        }

        var mean = new double[n];
        var meanSe = new double[n];
        var second = new double[n];
        var secondSe = new double[n];
        for (int s = 0; s < n; s++)
        {
            strong[s] /= paths;
            mean[s] = sum1[s] / paths;
            meanSe[s] = Math.Sqrt((sq1[s] / paths - mean[s] * mean[s]) / (paths - 1));
            second[s] = sum2[s] / paths;
            secondSe[s] = Math.Sqrt((sq2[s] / paths - second[s] * second[s]) / (paths - 1));
        }

        return new Errors(strong, mean, meanSe, second, secondSe);
    }

    private double Order(string label, int[] sweep, double[] errors, double[]? standardErrors = null)
    {
        var steps = sweep.Select(s => (double)s).ToArray();
        var magnitudes = errors.Select(Math.Abs).ToArray();
        double order = SamplerConvergence.ObservedOrder(steps, magnitudes);
        string se = standardErrors is null ? "" : $" (finest SE {standardErrors[^1]:E1})";
        output.WriteLine($"{label}: order {order:F3}; errors {string.Join(", ", errors.Select(e => e.ToString("E2")))}{se}");
        if (standardErrors is not null)
        {
            // The bias must stand out of the Monte Carlo noise at every step count, or the slope would measure noise.
            for (int s = 0; s < errors.Length; s++) Assert.True(Math.Abs(errors[s]) > 4 * standardErrors[s], $"{label}: bias {errors[s]:E2} not above 4 SE {standardErrors[s]:E2} at N = {sweep[s]}");
        }

        return order;
    }

    [Fact]
    public void Geometric_Brownian_motion_strong_orders_are_one_half_for_Euler_Maruyama_and_one_for_Milstein_and_both_weak_orders_are_one()
    {
        // 4000 paths: the paired weak-error noise (≈ strong error/√4000) is 30× below the bias at N = 256, and the mean
        // absolute error is known to ≈ 2%, i.e. ±0.03 on a slope over 32×. Ranges of ±0.12 around the theory allow the
        // pre-asymptotic O(h) relative corrections at N = 8 and still fail a method of the neighbouring order.
        var field = new GeometricBrownianMotion(Mu, Volatility);
        var path = new BrownianPath(GbmSweep[^1], Horizon);
        var em = Measure(new EulerMaruyama().CreateStepper(field), path, GbmExact, Start, GbmSweep, 4000, 7);
        var milstein = Measure(new Milstein().CreateStepper(field), path, GbmExact, Start, GbmSweep, 4000, 7);
        // EM's strong error on GBM approaches h^{1/2} from above (measured 0.59 over the sweep, 0.52 over the last doubling).
        Assert.InRange(Order("GBM EM strong", GbmSweep, em.Strong), 0.4, 0.68);
        Assert.InRange(Order("GBM Milstein strong", GbmSweep, milstein.Strong), 0.88, 1.12);
        Assert.InRange(Order("GBM EM weak, E X", GbmSweep, em.Mean, em.MeanSe), 0.88, 1.12);
        Assert.InRange(Order("GBM EM weak, E X²", GbmSweep, em.Second, em.SecondSe), 0.88, 1.12);
        Assert.InRange(Order("GBM Milstein weak, E X", GbmSweep, milstein.Mean, milstein.MeanSe), 0.88, 1.12);
        Assert.InRange(Order("GBM Milstein weak, E X²", GbmSweep, milstein.Second, milstein.SecondSe), 0.88, 1.12);
    }

    [Fact]
    public void Ornstein_Uhlenbeck_weak_orders_are_one_for_Euler_Maruyama_and_two_for_SRA1()
    {
        // dX = −θX dt + σ(1 + t)dW from X₀ = 1; the exact X_T from the same path (fine grid 1024, whose own error in
        // E X_T² is O(h_f²) ≈ 1e-6, checked below against the closed form) pairs with every coarse run.
        const int paths = 4000;
        int[] sweep = [4, 8, 16, 32, 64];
        var path = new BrownianPath(1024, AdditiveNoiseOrderTests.T);
        var field = AdditiveNoiseOrderTests.Field;
        var em = Measure(new EulerMaruyama().CreateStepper(field), path, AdditiveNoiseOrderTests.Exact, AdditiveNoiseOrderTests.X0, sweep, paths, 43);
        var sra = Measure(new RosslerSra1().CreateStepper(field), path, AdditiveNoiseOrderTests.Exact, AdditiveNoiseOrderTests.X0, sweep, paths, 43);
        Assert.InRange(Order("OU EM weak, E X", sweep, em.Mean, em.MeanSe), 0.88, 1.12);
        Assert.InRange(Order("OU EM weak, E X²", sweep, em.Second, em.SecondSe), 0.88, 1.12);
        // SRA1's drift part is a second-order Runge–Kutta pair, so E X_N = R(h)^N X₀ has an O(h²) error; E X² too.
        Assert.InRange(Order("OU SRA1 weak, E X", sweep, sra.Mean, sra.MeanSe), 1.85, 2.2);
        Assert.InRange(Order("OU SRA1 weak, E X²", sweep, sra.Second, sra.SecondSe), 1.85, 2.2);

        // The reference itself: E X_T = e^{−θT}X₀ and E X_T² = e^{−2θT}X₀² + σ²e^{−2θT}[F(T) − F(0)] with
        // F(s) = e^{ks}((1 + s)²/k − 2(1 + s)/k² + 2/k³), k = 2θ — within 5 standard errors over the paths.
        double theta = AdditiveNoiseOrderTests.Theta, sigma = AdditiveNoiseOrderTests.Sigma, t = AdditiveNoiseOrderTests.T, k = 2 * theta;
        double F(double s) => Math.Exp(k * s) * ((1 + s) * (1 + s) / k - 2 * (1 + s) / (k * k) + 2 / (k * k * k));
        double mean = Math.Exp(-theta * t), second = mean * mean + sigma * sigma * Math.Exp(-k * t) * (F(t) - F(0));
        double sum = 0, sumSquares = 0, sumFourth = 0;
        for (int p = 0; p < paths; p++)
        {
            path.Draw(43, p);
            double x = AdditiveNoiseOrderTests.Exact(path);
            sum += x;
            sumSquares += x * x;
            sumFourth += x * x * x * x;
        }

        double sampleMean = sum / paths, sampleSecond = sumSquares / paths;
        double secondSe = Math.Sqrt((sumFourth / paths - sampleSecond * sampleSecond) / paths);
        output.WriteLine($"reference: E X {sampleMean:F5} vs {mean:F5}; E X² {sampleSecond:F5} vs {second:F5} (SE {secondSe:E1})");
        Assert.InRange(sampleMean, mean - 5 * Math.Sqrt(second / paths), mean + 5 * Math.Sqrt(second / paths));
        Assert.InRange(sampleSecond, second - 5 * secondSe, second + 5 * secondSe);
    }
}
