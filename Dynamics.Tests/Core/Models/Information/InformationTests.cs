using Dynamics.Fields;
using Dynamics.Models.Information;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Models.Information;

/// <summary>The mutual-information oracles of Deep InfoMax (kexue 6024) on Gaussian toys.</summary>
public class InformationTests
{
    public static TheoryData<CriticObjective> Objectives =>
        [CriticObjective.JensenShannon, CriticObjective.DonskerVaradhan, CriticObjective.NguyenWainwrightJordan, CriticObjective.InfoNce];

    [Fact]
    public void Js_divergence_of_rho_0_6_is_0_05777355_and_below_ln_2()
    {
        var source = new CorrelatedGaussian(0.6);
        double js = source.JensenShannonByQuadrature();
        Assert.Equal(0.05777355, js, 1e-8);
        // Correction E4: with the ½-weighted definition JS ≤ ln 2; at ρ = 0.99 it already exceeds the misprinted ½ ln 2.
        double high = new CorrelatedGaussian(0.99).JensenShannonByQuadrature(9, 2001);
        Assert.True(high < Math.Log(2) && high > 0.5 * Math.Log(2), $"JS(ρ = 0.99) = {high}");
    }

    [Fact]
    public void Optimal_critic_objective_is_2js_minus_ln_4()
    {
        var source = new CorrelatedGaussian(0.6);
        var critic = source.OptimalCritic;
        // E_P log σ(T*) + E_Q log(1 − σ(T*)) by the trapezoidal rule on [−9, 9]².
        const int n = 401;
        const double half = 9;
        double h = 2 * half / (n - 1), r = 0.6, q = 1 - r * r, sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = -half + i * h;
            for (int j = 0; j < n; j++)
            {
                double z = -half + j * h;
                double p = Math.Exp(-(x * x - 2 * r * x * z + z * z) / (2 * q)) / (2 * Math.PI * Math.Sqrt(q));
                double pq = Math.Exp(-(x * x + z * z) / 2) / (2 * Math.PI);
                double t = critic.Evaluate([x], [z]);
                double w = (i == 0 || i == n - 1 ? 0.5 : 1) * (j == 0 || j == n - 1 ? 0.5 : 1);
                sum += w * (-p * Softplus(-t) - pq * Softplus(t));
            }
        }

        Assert.Equal(-1.27074726, sum * h * h, 1e-8);
        Assert.Equal(2 * source.JensenShannonByQuadrature() - Math.Log(4), sum * h * h, 1e-9);
    }

    [Fact]
    public void Optimal_critic_is_the_log_density_ratio()
    {
        var source = new CorrelatedGaussian(-0.45, 3);
        var critic = source.OptimalCritic;
        double r = -0.45, q = 1 - r * r;
        double[] x = [0.3, -1.2, 2], z = [1, 0.4, -0.7];
        double expected = 0;
        for (int k = 0; k < 3; k++)
            expected += -0.5 * Math.Log(q) - (x[k] * x[k] - 2 * r * x[k] * z[k] + z[k] * z[k]) / (2 * q) + (x[k] * x[k] + z[k] * z[k]) / 2;
        Assert.Equal(expected, critic.Evaluate(x, z), 1e-12);
        Assert.Equal(-1.5 * Math.Log(q), source.MutualInformation, 1e-15);
    }

    [Fact]
    public void Dv_and_nwj_at_the_optimal_critic_recover_I_and_infonce_stays_below_log_k()
    {
        var source = new CorrelatedGaussian(0.6);
        var sample = new CriticSample(source, 5, 40_000, 4);
        var critic = source.OptimalCritic;
        double dv = VariationalBounds.DonskerVaradhan(critic, sample), nwj = VariationalBounds.NguyenWainwrightJordan(critic, sample);
        // SE = √(dρ²/N + (e^{2I} − 1)/(NS)) = √(0.36/40000 + 0.5625/160000) ≈ 3.5e-3 (DV to first order too): 5 SE.
        double se = source.NwjStandardDeviation(40_000, 4);
        Assert.Equal(0.2231436, source.MutualInformation, 1e-7);
        Assert.Equal(source.MutualInformation, dv, 5 * se);
        Assert.Equal(source.MutualInformation, nwj, 5 * se);

        var rich = new CorrelatedGaussian(0.95, 5);
        var richSample = new CriticSample(rich, 6, 4096, 1);
        const int k = 16;
        double nce = VariationalBounds.InfoNce(rich.OptimalCritic, richSample, k);
        Assert.True(rich.MutualInformation > 2 * Math.Log(k));
        Assert.True(nce <= Math.Log(k) + 1e-12 && nce > Math.Log(k) - 0.25, $"InfoNCE {nce}, ln K {Math.Log(k)}");
        double wild = VariationalBounds.InfoNce(new QuadraticCritic(3, 1, -2, 5, 9, -1), richSample, k);
        Assert.True(wild <= Math.Log(k) + 1e-12);
    }

    [Fact]
    public void Critic_gradient_flow_converges_to_the_optimal_critic()
    {
        var source = new CorrelatedGaussian(0.6);
        var loss = new CriticLoss(new CriticSample(source, 9, 2000, 2));
        var w0 = new double[6];
        var g = new double[6];
        double[] probe = [0.1, 0.05, -0.05, -0.2, 0.6, -0.3];
        loss.Gradient(probe, g);
        AssertCentralDifferences(c => loss.Value(c), probe, k => g[k]);

        var solution = Ode.Solve(OdeProblem.Create(new GradientFlow<CriticLoss>(loss), w0, 0, 300), new DormandPrince5(), SolverOptions.WithTolerance(1e-7) with { SaveAt = SaveAt.End });
        var trained = solution.FinalState;
        loss.Gradient(trained, g);
        Assert.True(g.Max(Math.Abs) < 1e-4, $"gradient {g.Max(Math.Abs)}");
        var optimum = source.OptimalCritic.Coefficients();
        // Logistic-regression estimates from N = 2000 pairs: standard errors ~0.03–0.05 per coefficient; 0.2 ≈ 4–5 SE.
        for (int k = 0; k < 6; k++) Assert.Equal(optimum[k], trained[k], 0.2);
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Objective_gradients_match_central_differences(CriticObjective objective)
    {
        var sample = new CriticSample(new CorrelatedGaussian(0.7, 2), 3, 96, 3);
        double[] w = [0.2, 0.1, -0.05, -0.3, 0.8, -0.25];
        var g = new double[6];
        VariationalBounds.Gradient(objective, w, sample, 32, g);
        AssertCentralDifferences(c => VariationalBounds.Value(objective, QuadraticCritic.FromCoefficients(c), sample, 32), w, k => g[k]);
    }

    // Central differences with h = 1e-6: O(h²) ≈ 1e-12 truncation plus rounding ε·|value|/h ≈ 1e-10, so 1e-7 is safe.
    private static void AssertCentralDifferences(Func<double[], double> value, double[] w, Func<int, double> gradient)
    {
        for (int k = 0; k < w.Length; k++)
        {
            double[] up = [.. w], down = [.. w];
            up[k] += 1e-6;
            down[k] -= 1e-6;
            Assert.Equal((value(up) - value(down)) / 2e-6, gradient(k), 1e-7);
        }
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Lane_gradients_of_each_critic_loss_match_central_differences(CriticObjective objective)
    {
        var loss = new CriticLoss(new CriticSample(new CorrelatedGaussian(0.7, 2), 3, 96, 3), objective, 32);
        // Every accelerated width and the scalar lane run the one generic formula, each lane with its own critic.
        if (Lane512.IsHardwareAccelerated) CheckLanes<Lane512>(loss);
        if (Lane256.IsHardwareAccelerated) CheckLanes<Lane256>(loss);
        CheckLanes<ScalarLane>(loss);
    }

    private static void CheckLanes<TLane>(CriticLoss loss) where TLane : struct, ILane<TLane>
    {
        int lanes = TLane.Count, f = QuadraticCritic.ParameterCount;
        double[] baseCritic = [0.2, 0.1, -0.05, -0.3, 0.8, -0.25];
        var theta = new double[f * lanes];
        var gradient = new double[f * lanes];
        for (int k = 0; k < f; k++)
        {
            for (int m = 0; m < lanes; m++) theta[k * lanes + m] = baseCritic[k] * (1 + 0.1 * m) + 0.01 * m;
        }

        var point = new LaneVector<TLane>(theta, 0, lanes, f);
        var result = new LaneVector<TLane>(gradient, 0, lanes, f);
        loss.Gradient<TLane, LaneVector<TLane>, LaneVector<TLane>>(in point, in point, ref result);
        for (int m = 0; m < lanes; m++)
        {
            var w = new double[f];
            for (int k = 0; k < f; k++) w[k] = theta[k * lanes + m];
            int lane = m;
            AssertCentralDifferences(c => loss.Value(c), w, k => gradient[k * lanes + lane]);
        }
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Dual_number_hessian_of_each_critic_loss_matches_differences_of_the_gradient(CriticObjective objective)
    {
        var loss = new CriticLoss(new CriticSample(new CorrelatedGaussian(0.7, 2), 5, 64, 2), objective, 16);
        double[] w = [0.2, 0.1, -0.05, -0.3, 0.8, -0.25], v = [0.3, -0.2, 0.5, 0.1, -0.4, 0.25];
        var product = new double[6];
        LossGradient.HessianTimes(loss, w, v, product);
        double h = 1e-5;
        double[] up = new double[6], down = new double[6], gUp = new double[6], gDown = new double[6];
        for (int k = 0; k < 6; k++)
        {
            up[k] = w[k] + h * v[k];
            down[k] = w[k] - h * v[k];
        }

        loss.Gradient(up, gUp);
        loss.Gradient(down, gDown);
        // Central difference of the gradient along v: O(h²)·|∇³L| ≈ 1e-10 plus rounding ε·|∇L|/h ≈ 1e-11.
        for (int k = 0; k < 6; k++) Assert.Equal((gUp[k] - gDown[k]) / (2 * h), product[k], 1e-7);
    }

    [Theory]
    [InlineData(CriticObjective.DonskerVaradhan, new[] { 1, 2, 3, 4, 5 })]
    [InlineData(CriticObjective.NguyenWainwrightJordan, new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData(CriticObjective.InfoNce, new[] { 2, 4, 5 })]
    public void Critics_trained_on_each_objective_reach_its_optimal_critic(CriticObjective objective, int[] identified)
    {
        var source = new CorrelatedGaussian(0.5, 5);
        var trainer = new CriticTrainer(objective, Steps: 1500, BatchSize: objective == CriticObjective.InfoNce ? 64 : 128, LearningRate: 0.1, DecaySteps: 300);
        var trained = trainer.Train(source, 11).Coefficients();
        var optimal = source.OptimalCritic.Coefficients();
        // The last ~n₀ = 300 steps average ≈ 4·10⁴ pairs (InfoNCE: 2·10⁴ rows): the gallery's spread over seeds of the
        // identified coefficients at ρ = 0.5, d = 5 is ≤ 0.03 (w₀ of NWJ ≤ 0.05), so 0.15 is ≥ 3 of those sds.
        foreach (int k in identified) Assert.Equal(optimal[k], trained[k], 0.15);
        // Reproducible from (seed, settings).
        Assert.Equal(trained, trainer.Train(source, 11).Coefficients());
    }

    [Fact]
    public void Nwj_spread_at_the_optimal_critic_matches_the_closed_form()
    {
        // Var = Var_P T*/N + Var_Q e^{T*}/(NS) with Var_P T* = dρ² and Var_Q e^{T*} = e^{2I} − 1; the two terms are
        // uncorrelated because E[e^{T*(x′, z)} | z] = E[e^{T*(x, z′)} | x] = 1.
        var source = new CorrelatedGaussian(0.5, 5);
        const int pairs = 512, negatives = 4, batches = 300;
        var values = new double[batches];
        for (int b = 0; b < batches; b++)
            values[b] = VariationalBounds.NguyenWainwrightJordan(source.OptimalCritic, new CriticSample(source, 21, pairs, negatives, first: (long)b * pairs));
        var stats = Dynamics.Models.Estimators.EstimatorStatistics.FromValues(values);
        double theory = Math.Sqrt(5 * 0.25 / pairs + double.ExpM1(2 * source.MutualInformation) / (pairs * negatives));
        Assert.Equal(theory, source.NwjStandardDeviation(pairs, negatives), 1e-15);
        Assert.Equal(theory, stats.StandardDeviation(0), 5 * stats.StandardDeviationError(0));
        Assert.Equal(source.MutualInformation, stats.Mean[0], 5 * stats.StandardError(0));
    }

    [Fact]
    public void Information_along_the_free_flow_matches_the_integrated_flow()
    {
        var loss = new InfoMaxLoss(1.2, 1);
        var solution = Ode.Solve(OdeProblem.Create(new GradientFlow<InfoMaxLoss>(loss), [0.5, 1.0], 0, 2), new DormandPrince5(), SolverOptions.WithTolerance(1e-11) with { SaveAt = SaveAt.End });
        double a = solution.FinalState[0], s = solution.FinalState[1];
        // DP5 at 1e-11 and Simpson with 20,000 intervals: both far below 1e-8.
        Assert.Equal(new LinearGaussianEncoder(a, s).MutualInformation, loss.InformationAlongFreeFlow(2, 0.5, 1.0), 1e-8);
        var decaying = new InfoMaxLoss(0.5, 1);
        var down = Ode.Solve(OdeProblem.Create(new GradientFlow<InfoMaxLoss>(decaying), [0.9, 0.7], 0, 2), new DormandPrince5(), SolverOptions.WithTolerance(1e-11) with { SaveAt = SaveAt.End });
        Assert.Equal(new LinearGaussianEncoder(down.FinalState[0], down.FinalState[1]).MutualInformation, decaying.InformationAlongFreeFlow(2, 0.9, 0.7), 1e-8);
    }

    [Fact]
    public void Prior_matching_identity_holds_on_the_linear_gaussian_encoder_by_quadrature()
    {
        var encoder = new LinearGaussianEncoder(1.3, 0.6);
        var quadrature = PriorMatchingQuadrature.Of(encoder, 1601);
        Assert.Equal(encoder.ExpectedKlToPrior, quadrature.ExpectedKlToPrior, 1e-11);
        Assert.Equal(encoder.MarginalKlToPrior, quadrature.MarginalKlToPrior, 1e-11);
        Assert.Equal(encoder.MutualInformation, quadrature.MutualInformation, 1e-9);
        Assert.Equal(quadrature.ExpectedKlToPrior, quadrature.MutualInformation + quadrature.MarginalKlToPrior, 1e-9);
        Assert.Equal("nodes", Assert.Throws<ArgumentOutOfRangeException>(() => PriorMatchingQuadrature.Of(encoder, 1)).ParamName);
        Assert.Equal("halfWidth", Assert.Throws<ArgumentOutOfRangeException>(() => PriorMatchingQuadrature.Of(encoder, 11, -1)).ParamName);
    }

    [Fact]
    public void InfoMax_flow_reaches_the_closed_form_trade_off()
    {
        var fixedNoise = new InfoMaxLoss(3, 1, optimiseNoise: false);
        var g = new double[2];
        fixedNoise.Gradient([0.8, 0.5], g);
        var full = new InfoMaxLoss(3, 1);
        var gFull = new double[2];
        full.Gradient([0.8, 0.5], gFull);
        for (int k = 0; k < 2; k++)
        {
            double[] up = [0.8, 0.5], down = [0.8, 0.5];
            up[k] += 1e-6;
            down[k] -= 1e-6;
            Assert.Equal((full.Value(up) - full.Value(down)) / 2e-6, gFull[k], 1e-8);
        }

        Assert.Equal(gFull[0], g[0], 1e-15);
        Assert.Equal(0, g[1]);

        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End };
        var solution = Ode.Solve(OdeProblem.Create(new GradientFlow<InfoMaxLoss>(fixedNoise), [0.2, 0.5], 0, 200), new DormandPrince5(), options);
        Assert.Equal(fixedNoise.OptimalGain(0.5), solution.FinalState[0], 1e-8);
        var below = new InfoMaxLoss(0.5, 1, optimiseNoise: false);
        var collapsed = Ode.Solve(OdeProblem.Create(new GradientFlow<InfoMaxLoss>(below), [0.7, 1.0], 0, 200), new DormandPrince5(), options);
        Assert.Equal(0, collapsed.FinalState[0], 1e-8);

        var gentle = new InfoMaxLoss(1.2, 1);
        var free = Ode.Solve(OdeProblem.Create(new GradientFlow<InfoMaxLoss>(gentle), [0.5, 1.0], 0, 1), new DormandPrince5(), options);
        double a = free.FinalState[0], s = free.FinalState[1];
        // v̇ = 2γ(1 − v) exactly; DP5 at 1e-10 is good to ~1e-9 here.
        Assert.Equal(gentle.AggregateVariance(1, 1.25), a * a + s * s, 1e-8);
        Assert.True(s < 1 && new Dynamics.Models.Information.LinearGaussianEncoder(a, s).MutualInformation > new Dynamics.Models.Information.LinearGaussianEncoder(0.5, 1).MutualInformation);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_parameter_named()
    {
        Assert.Contains("Correlation", Assert.ThrowsAny<ArgumentException>(() => new CorrelatedGaussian(1)).Message);
        Assert.Contains("Dimensions", Assert.ThrowsAny<ArgumentException>(() => new CorrelatedGaussian(0.5, 0)).Message);
        Assert.Contains("Noise", Assert.ThrowsAny<ArgumentException>(() => new LinearGaussianEncoder(1, 0)).Message);
        Assert.Contains("Gain", Assert.ThrowsAny<ArgumentException>(() => new LinearGaussianEncoder(double.NaN, 1)).Message);
        Assert.Contains("priorWeight", Assert.ThrowsAny<ArgumentException>(() => new InfoMaxLoss(1, -1)).Message);
        var sample = new CriticSample(new CorrelatedGaussian(0.5), 1, 10);
        Assert.Contains("batch", Assert.ThrowsAny<ArgumentException>(() => VariationalBounds.InfoNce(new QuadraticCritic(0, 0, 0, 0, 0, 0), sample, 11)).Message);
        Assert.Contains("negativesPerPositive", Assert.ThrowsAny<ArgumentException>(() => new CriticSample(new CorrelatedGaussian(0.5), 1, 10, 10)).Message);
        Assert.Contains("Steps", Assert.ThrowsAny<ArgumentException>(() => new CriticTrainer(CriticObjective.NguyenWainwrightJordan, Steps: 0).Train(new CorrelatedGaussian(0.5), 1)).Message);
        Assert.Contains("LearningRate", Assert.ThrowsAny<ArgumentException>(() => new CriticTrainer(CriticObjective.DonskerVaradhan, LearningRate: -1).Train(new CorrelatedGaussian(0.5), 1)).Message);
        Assert.Contains("batch", Assert.ThrowsAny<ArgumentException>(() => VariationalBounds.Gradient(CriticObjective.InfoNce, new double[6], sample, 1, new double[6])).Message);
        Assert.Contains("temperature", Assert.ThrowsAny<ArgumentException>(() => Dynamics.Models.Estimators.Categorical.BinaryRelaxedMeanGradient(0, 1, 0.001)).Message);
    }

    private static double Softplus(double u) => u > 0 ? u + Math.Log(1 + Math.Exp(-u)) : Math.Log(1 + Math.Exp(u));
}
