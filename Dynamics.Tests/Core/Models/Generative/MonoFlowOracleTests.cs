using Dynamics.Models.Generative;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.Stochastic;

namespace Dynamics.Tests.Core.Models.Generative;

/// <summary>
/// The MonoFlow oracles of docs/monoflow.md, "Checks and their measured errors": moments, the Langevin twin, monotone
/// KL, the fixed point, the stalled minimax flow.
/// </summary>
public class MonoFlowOracleTests
{
    private static readonly double[] Start = [1, 1];
    private static readonly double[] Identity = [1, 0, 0, 1];

    [Fact]
    public void Particle_sample_moments_follow_the_Gaussian_KL_flow_moment_ODE()
    {
        // The main check (the cloud's own moments against the moment ODE, to 1e-7) holds exactly at any N, so a
        // modest N = 500 costs a quarter of N = 2000 and checks the same; only the law-moment band widens as N^{−1/2}.
        const int n = 500;
        var particles = MonoFlowTestData.Sample(MonoFlowTestData.Gaussian(Start, Identity), n, 11);
        var field = new MonoFlowField(new GaussianFitLogRatio(MonoFlowTestData.Target()), new MonoFlowWeight(GeneratorLoss.Logit), n);
        double[] times = [0, 0.25, 0.5, 1, 2];
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Times(times) };
        var flow = Ode.Solve(OdeProblem.Create(field, particles, 0, 2), new DormandPrince5(), options);

        var moments = new GaussianKlFlowMoments([0, 0], MonoFlowTestData.TargetCovariance);
        var m0 = new double[2];
        var s0 = new double[4];
        ParticleMoments.Compute(particles, 2, m0, s0);
        var fromSample = Ode.Solve(OdeProblem.Create(moments, moments.Pack(m0, s0), 0, 2), new Verner8(), options);
        var fromLaw = Ode.Solve(OdeProblem.Create(moments, moments.Pack(Start, Identity), 0, 2), new Verner8(), options);
        var m = new double[2];
        var s = new double[4];
        for (int k = 0; k < times.Length; k++)
        {
            ParticleMoments.Compute(flow.State(k), 2, m, s);
            // The velocity is affine, so the cloud's own moments obey the moment ODE with no sampling error: only the
            // solvers' tolerances (1e-10) separate them.
            Assert.True(Distance(m, fromSample.State(k)[..2]) < 1e-7, $"t = {times[k]}: mean {Distance(m, fromSample.State(k)[..2])}");
            Assert.True(Distance(s, fromSample.State(k)[2..]) < 1e-7, $"t = {times[k]}: covariance {Distance(s, fromSample.State(k)[2..])}");
            // Against the law's moments the error is the initial sampling error carried by a contraction (e^{−P⁻¹t} is
            // symmetric with norm ≤ 1): 5 standard errors of ‖m̂₀ − m₀‖ (√(2/N)) and ‖Ŝ₀ − I‖_F (√(6/N)).
            Assert.True(Distance(m, fromLaw.State(k)[..2]) < 5 * Math.Sqrt(2.0 / n));
            Assert.True(Distance(s, fromLaw.State(k)[2..]) < 5 * Math.Sqrt(6.0 / n));
        }
    }

    [Fact]
    public void Kde_driven_moments_follow_the_moment_ODE_up_to_a_bandwidth_bias_that_shrinks_with_N()
    {
        // The KDE of a Gaussian cloud N(m, S) is, for large N, N(m, S + h²I): the flow's velocity stays affine and its
        // moments obey ṁ = −P⁻¹m, Ṡ = (S + h²)⁻¹S + S(S + h²)⁻¹ − P⁻¹S − SP⁻¹, the KL-flow moment ODE minus the bandwidth
        // bias 2h²(S + h²)⁻¹ (O(h²) = O(N^{−1/3}) with Scott's rule). What remains is sampling error, O(N^{−1/2}).
        var (smallBias, smallResidual) = KdeMomentGaps(100, out var smallMeanGap);
        var (largeBias, largeResidual) = KdeMomentGaps(800, out var largeMeanGap);
        string numbers = $"‖ΔS‖ vs moment ODE {smallBias:G3} → {largeBias:G3}, vs biased ODE {smallResidual:G3} → {largeResidual:G3}, ‖Δm‖ {smallMeanGap:G3} → {largeMeanGap:G3}";
        // The mean has no bandwidth bias: only sampling error (5 standard errors of a cloud's mean, √(tr S/N), S ≈ I).
        Assert.True(smallMeanGap < 5 * Math.Sqrt(2.0 / 100) && largeMeanGap < 5 * Math.Sqrt(2.0 / 800), numbers);
        // The bias model explains most of the covariance gap, and what it leaves is sampling error: the finite cloud's
        // departure from a Gaussian, O(N^{−1/2}) (measured ≈ 0.9/√N at both N; 3/√N allowed).
        Assert.True(smallResidual < smallBias / 2 && largeResidual < largeBias / 2, numbers);
        Assert.True(smallResidual < 3 / Math.Sqrt(100) && largeResidual < 3 / Math.Sqrt(800), numbers);
        // Eight times the particles: h² and the bias shrink by 8^{−1/3} = 0.5 (measured 0.51; 0.35–0.7 allows for the
        // sampling error of both runs).
        Assert.InRange(largeBias / smallBias, 0.35, 0.7);
    }

    // Runs the KDE-driven KL flow (Scott's rule, to t = 1) and returns ‖Ŝ(1) − S(1)‖_F against the moment ODE
    // and against the bandwidth-biased one, both started from the cloud's own moments, and ‖m̂(1) − m(1)‖.
    private static (double Bias, double Residual) KdeMomentGaps(int n, out double meanGap)
    {
        var start = MonoFlowTestData.Sample(MonoFlowTestData.Gaussian(Start, Identity), n, 41);
        // The self term kept in: leave-one-out pushes an isolated particle away from its nearest neighbour at a speed
        // that grows with the distance. The self term shrinks ∇log q̂ by 1/(1 + Σ_{j≠i}K_ij), a second bias of order
        // 1/(N·2πh²q) = O(N^{−2/3}), below the h² one.
        using var kde = new KernelDensityLogRatio(MonoFlowTestData.Target(), leaveOneOut: false, workers: 1);
        var flow = Ode.Solve(OdeProblem.Create(new MonoFlowField(kde, new MonoFlowWeight(GeneratorLoss.Logit), n), start, 0, 1),
            new DormandPrince5(), SolverOptions.WithTolerance(1e-3) with { SaveAt = SaveAt.End });
        Assert.True(flow.IsSuccess, flow.Message);
        var m0 = new double[2];
        var s0 = new double[4];
        ParticleMoments.Compute(start, 2, m0, s0);
        var m = new double[2];
        var s = new double[4];
        ParticleMoments.Compute(flow.FinalState, 2, m, s);
        var moments = new GaussianKlFlowMoments([0, 0], MonoFlowTestData.TargetCovariance);
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End };
        var exact = Ode.Solve(OdeProblem.Create(moments, moments.Pack(m0, s0), 0, 1), new Verner8(), options).FinalState.ToArray();
        var biased = Ode.Solve(OdeProblem.Create(new GaussianKlFlowMoments([0, 0], MonoFlowTestData.TargetCovariance, kdeParticles: n), moments.Pack(m0, s0), 0, 1),
            new Verner8(), options).FinalState.ToArray();
        meanGap = Distance(m, exact.AsSpan(0, 2));
        return (Distance(s, exact.AsSpan(2)), Distance(s, biased.AsSpan(2)));
    }

    [Fact]
    public void Langevin_twin_has_the_moment_ODE_marginals_at_every_recorded_time()
    {
        // 1-D: p = N(0, P), start N(3, 0.25): m(t) = 3e^{−t/P}, S(t) = P + (0.25 − P)e^{−2t/P}.
        const int n = 4000;
        const double p = 2, h = 0.002;
        var target = MonoFlowTestData.Gaussian([0.0], [p]);
        var start = MonoFlowTestData.Sample(MonoFlowTestData.Gaussian([3.0], [0.25]), n, 5);
        var sde = SdeProblem.Create(new LangevinParticles(target, n), start, 0, 2);
        var solution = Sde.Solve(sde, new EulerMaruyama(), new SdeOptions(h, seed: 17) { RecordEvery = 100 });
        Assert.True(solution.Count >= 10);
        for (int k = 0; k < solution.Count; k++)
        {
            double t = solution.Times[k];
            double mean = 3 * Math.Exp(-t / p), variance = p + (0.25 - p) * Math.Exp(-2 * t / p);
            var x = solution.State(k);
            double mHat = x.ToArray().Average();
            double vHat = x.ToArray().Sum(v => (v - mHat) * (v - mHat)) / (n - 1);
            // 5 standard errors (√(S/N) and S√(2/(N − 1))) plus Euler–Maruyama's O(h) variance bias, ≤ h.
            Assert.True(Math.Abs(mHat - mean) < 5 * Math.Sqrt(variance / n), $"t = {t}: mean {mHat} vs {mean}");
            Assert.True(Math.Abs(vHat - variance) < 5 * variance * Math.Sqrt(2.0 / (n - 1)) + h, $"t = {t}: variance {vHat} vs {variance}");
        }
    }

    [Fact]
    public void Gaussian_KL_decreases_at_the_rate_minus_E_of_the_squared_log_ratio_gradient()
    {
        // Along the exact moment ODE, dKL/dt = −E_q‖∇log r‖² with ∇log r = Ax + b, A = S⁻¹ − P⁻¹, b = −S⁻¹m, so
        // E‖∇log r‖² = ‖Am + b‖² + tr(ASAᵀ) = ‖P⁻¹m‖² + tr(ASA).
        var moments = new GaussianKlFlowMoments([0, 0], MonoFlowTestData.TargetCovariance);
        double[] times = [.. Enumerable.Range(0, 41).Select(i => 0.1 * i)];
        var solution = Ode.Solve(OdeProblem.Create(moments, moments.Pack(Start, Identity), 0, 4), new Verner8(),
            SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.Times(times) });
        double previous = double.PositiveInfinity;
        const double delta = 1e-5;
        for (int k = 0; k < times.Length; k++)
        {
            var state = solution.State(k).ToArray();
            double kl = Gaussians.KullbackLeibler(state.AsSpan(0, 2), state.AsSpan(2), [0, 0], MonoFlowTestData.TargetCovariance);
            Assert.True(kl < previous);
            previous = kl;
            // Central difference of KL along the flow, from two short solves.
            double Around(double dt) => KlAt(moments, state, dt);
            double derivative = (Around(delta) - Around(-delta)) / (2 * delta);
            // Central differences err by O(δ²) ≈ 1e-10 relative here; rounding by ~1e-11.
            double expected = -Dissipation(state);
            Assert.True(Math.Abs(derivative - expected) <= 1e-7 * Math.Max(1, Math.Abs(expected)), $"t = {times[k]}: {derivative} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Gaussian_KL_falls_for_every_h_at_the_rate_minus_mean_h_prime_times_the_squared_gradient(GeneratorLoss loss)
    {
        // With the Gaussian-fit source, KL(N(m̂, Ŝ)‖p) of the cloud's own moments (1/N covariance) changes exactly at
        // dKL/dt = mean_i v_iᵀ(P⁻¹x_i − Ŝ⁻¹(x_i − m̂)) = −mean_i h'(log r_i)‖∇log r_i‖² ≤ 0 for any velocity v = h'∇log r:
        // ṁ = mean v and Ṡ = mean[v(x − m)ᵀ + (x − m)vᵀ] hold for the empirical law, with no sampling error.
        const int n = 200;
        const double delta = 1e-5;
        // A start wider than P in every direction keeps log r bounded above on the cloud, so the exponential weights
        // (χ²: 2r²) stay moderate and the fastest particle's time scale (≈ 1e-3) is far above δ.
        var start = MonoFlowTestData.Sample(MonoFlowTestData.Gaussian([0.5, 0.5], [2, 0, 0, 2]), n, 13);
        var source = new GaussianFitLogRatio(MonoFlowTestData.Target());
        var weight = new MonoFlowWeight(loss);
        var field = new MonoFlowField(source, weight, n);
        var logRatio = new double[n];
        var gradient = new double[2 * n];
        double KlAfter(double dt, out double rate)
        {
            // Tight tolerance for the difference quotients; the fall by t = 0.5 needs none.
            var x = dt == 0 ? start : Ode.Solve(OdeProblem.Create(field, start, 0, dt), new DormandPrince5(),
                SolverOptions.WithTolerance(Math.Abs(dt) < 1e-3 ? 1e-12 : 1e-6) with { SaveAt = SaveAt.End }).FinalState.ToArray();
            source.Evaluate(x, n, logRatio, gradient);
            rate = 0;
            for (int i = 0; i < n; i++)
                rate -= weight.Derivative(logRatio[i]) * (gradient[i] * gradient[i] + gradient[n + i] * gradient[n + i]) / n;
            var m = new double[2];
            var s = new double[4];
            ParticleMoments.Compute(x, 2, m, s);
            return Gaussians.KullbackLeibler(m, s, [0, 0], MonoFlowTestData.TargetCovariance);
        }

        double kl0 = KlAfter(0, out double expected);
        double Central(double d) => (KlAfter(d, out _) - KlAfter(-d, out _)) / (2 * d);
        // Richardson on two central differences: truncation O((δ/τ)⁴) ≈ 1e-12; the solves at 1e-12 add ~1e-7 after
        // division by δ.
        Assert.True(expected < 0, $"{loss}: rate {expected}");
        double derivative = (4 * Central(delta / 2) - Central(delta)) / 3;
        Assert.True(Math.Abs(derivative - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{loss}: dKL/dt {derivative} vs {expected}");
        Assert.True(KlAfter(0.5, out double later) < kl0 && later <= 0, $"{loss}: KL did not fall by t = 0.5");
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void KL_estimate_decreases_for_every_h_against_a_mixture(GeneratorLoss loss)
    {
        const int n = 200;
        var target = MonoFlowTestData.Mixture();
        var start = MonoFlowTestData.Sample(MonoFlowTestData.Gaussian([0, 0], Identity), n, 3);
        // With the particle's own kernel kept in (no leave-one-out) q̂ ≥ 1/(N·2πh²), so log r stays bounded even for an
        // isolated particle, which the exponential weights (χ², forward KL, exp) would otherwise fling away.
        using var kde = new KernelDensityLogRatio(target, leaveOneOut: false, workers: 1);
        var field = new MonoFlowField(kde, new MonoFlowWeight(loss), n);
        double[] times = [0, 0.1, 0.2, 0.4, 0.8];
        var flow = Ode.Solve(OdeProblem.Create(field, start, 0, 0.8), new DormandPrince5(),
            SolverOptions.WithTolerance(1e-3) with { SaveAt = SaveAt.Times(times) });
        Assert.True(flow.IsSuccess, flow.Message);
        var gradient = new double[2 * n];
        var logRatios = new double[times.Length][];
        for (int k = 0; k < times.Length; k++)
        {
            // KL(q‖p) = E_q[log q − log p] = −E_q[log r] by Monte Carlo over the particles with the KDE for q.
            logRatios[k] = new double[n];
            kde.Evaluate(flow.State(k), n, logRatios[k], gradient);
        }

        for (int k = 1; k < times.Length; k++)
        {
            // The stated error of a change of KL is the paired standard error: particle i is the same particle at both times.
            var (change, error) = PairedChange(logRatios[k - 1], logRatios[k]);
            Assert.True(change < 3 * error, $"{loss}: KL changed by {change} ± {error} between t = {times[k - 1]} and {times[k]}");
        }

        var (total, totalError) = PairedChange(logRatios[0], logRatios[^1]);
        Assert.True(total < -5 * totalError, $"{loss}: KL changed by {total} ± {totalError} over the run");
    }

    // The change of −mean(log r) and its standard error from the per-particle differences.
    private static (double Change, double Error) PairedChange(double[] before, double[] after)
    {
        int n = before.Length;
        var diff = new double[n];
        for (int i = 0; i < n; i++) diff[i] = before[i] - after[i];
        double mean = diff.Average();
        double sd = Math.Sqrt(diff.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return (mean, sd / Math.Sqrt(n));
    }

    public static TheoryData<GeneratorLoss> Losses()
    {
        var data = new TheoryData<GeneratorLoss>();
        foreach (var loss in Enum.GetValues<GeneratorLoss>()) data.Add(loss);
        return data;
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void The_fixed_point_m_zero_S_P_stops_every_h_and_is_attracting(GeneratorLoss loss)
    {
        // Particles whose moments are exactly (0, P): whitened normals times the Cholesky factor of P. Whitening makes
        // the moments exact at any N, and the Gaussian-fit source sees only the moments, so N = 100 checks as much as more.
        const int n = 100;
        var z = Dynamics.Solvers.Generative.AffineGeneratorTraining.WhitenedNormals(n, 2, 9);
        double[] chol = [1, 0, 0.8, 0.5];
        var x = Affine(z, n, [0, 0], chol);
        var weight = new MonoFlowWeight(loss);
        var field = new MonoFlowField(new GaussianFitLogRatio(MonoFlowTestData.Target()), weight, n);
        var velocity = new double[2 * n];
        field.Evaluate(0, x, velocity);
        Assert.True(velocity.Max(Math.Abs) < 1e-12, $"{loss}: |v| = {velocity.Max(Math.Abs)}");

        // A perturbed cloud returns: after t = 60 the moments are back at (0, P) (rate ≈ h'(0)/λ_max(P) ≥ 0.25/1.7 for the slowest h, so e^{−8.8} of the start's offset is left).
        var perturbed = Affine(z, n, [0.3, -0.2], [0.9, 0, 0.7, 0.45]);
        // Tolerance 1e-6: the solver's error stays three orders below the 1e-3 the check allows.
        var flow = Ode.Solve(OdeProblem.Create(field, perturbed, 0, 60), new DormandPrince5(), SolverOptions.WithTolerance(1e-6) with { SaveAt = SaveAt.End });
        Assert.True(flow.IsSuccess, flow.Message);
        var m = new double[2];
        var s = new double[4];
        ParticleMoments.Compute(flow.FinalState, 2, m, s);
        Assert.True(Distance(m, [0, 0]) < 1e-3, $"{loss}: m = ({m[0]}, {m[1]})");
        Assert.True(Distance(s, MonoFlowTestData.TargetCovariance) < 1e-3, $"{loss}: S = ({s[0]}, {s[1]}, {s[3]})");

        var generator = new AffineGeneratorFlow([0, 0], MonoFlowTestData.TargetCovariance);
        var derivative = new double[6];
        generator.Evaluate(0, [0, 0, .. chol], derivative);
        Assert.True(derivative.Max(Math.Abs) < 1e-14);
    }

    [Fact]
    public void Minimax_loss_stalls_when_fakes_are_easy_to_detect()
    {
        const int n = 400;
        var start = MonoFlowTestData.Sample(MonoFlowTestData.Gaussian([6, 6], [0.25, 0, 0, 0.25]), n, 21);
        double Displacement(GeneratorLoss loss, out double largestWeight)
        {
            var field = new MonoFlowField(new GaussianFitLogRatio(MonoFlowTestData.Gaussian([0, 0], Identity)), new MonoFlowWeight(loss), n);
            var velocity = new double[2 * n];
            field.Evaluate(0, start, velocity);
            largestWeight = field.LastLogRatio.ToArray().Max(d => field.Weight.Derivative(d));
            var end = Ode.Solve(OdeProblem.Create(field, start, 0, 1), new DormandPrince5(), SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End });
            var m0 = new double[2];
            var m1 = new double[2];
            ParticleMoments.Compute(start, 2, m0, new double[4]);
            ParticleMoments.Compute(end.FinalState, 2, m1, new double[4]);
            return Distance(m0, m1);
        }

        double logit = Displacement(GeneratorLoss.Logit, out _);
        double minimax = Displacement(GeneratorLoss.Minimax, out double minimaxWeight);
        double nonSaturating = Displacement(GeneratorLoss.NonSaturating, out _);
        // The KL flow moves the mean by (1 − e^{−1})·|m₀| ≈ 5.4 at t = 1; h' = σ(log r) ≤ 1e-8 there freezes minimax.
        Assert.Equal((1 - Math.Exp(-1)) * Math.Sqrt(72), logit, 0.05);
        Assert.True(minimaxWeight < 1e-8, $"largest h' = {minimaxWeight}");
        Assert.True(minimax < 1e-6 * logit, $"minimax moved {minimax}");
        Assert.True(nonSaturating > 0.9 * logit, $"non-saturating moved {nonSaturating}");
    }

    private static double[] Affine(double[] z, int n, double[] m, double[] l)
    {
        var x = new double[2 * n];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < 2; a++) x[a * n + i] = m[a] + l[a * 2] * z[i] + l[a * 2 + 1] * z[n + i];
        return x;
    }

    private static double KlAt(GaussianKlFlowMoments moments, double[] state, double dt)
    {
        var end = Ode.Solve(OdeProblem.Create(moments, state, 0, dt), new Verner8(), SolverOptions.WithTolerance(1e-14) with { SaveAt = SaveAt.End });
        var y = end.FinalState.ToArray();
        return Gaussians.KullbackLeibler(y.AsSpan(0, 2), y.AsSpan(2), [0, 0], MonoFlowTestData.TargetCovariance);
    }

    private static double Dissipation(double[] state)
    {
        double[] pInv = Inverse2(MonoFlowTestData.TargetCovariance);
        double[] s = state[2..];
        double[] sInv = Inverse2(s);
        double[] a = [sInv[0] - pInv[0], sInv[1] - pInv[1], sInv[2] - pInv[2], sInv[3] - pInv[3]];
        double b0 = pInv[0] * state[0] + pInv[1] * state[1], b1 = pInv[2] * state[0] + pInv[3] * state[1];
        double trace = 0;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                for (int k = 0; k < 2; k++) trace += a[i * 2 + j] * s[j * 2 + k] * a[k * 2 + i];
        return b0 * b0 + b1 * b1 + trace;
    }

    private static double[] Inverse2(double[] m)
    {
        double det = m[0] * m[3] - m[1] * m[2];
        return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }
}
