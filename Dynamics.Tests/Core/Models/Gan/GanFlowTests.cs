using System.Numerics;
using CsCheck;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Models.Gan;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Models.Gan;

public class GanFlowTests
{
    private static readonly double[] Start = [.. DiracGan.SuInitialState];

    [Fact]
    public void Automatic_Jacobians_match_finite_differences()
    {
        IDiracGanFlow[] fields =
        [
            new VanillaDiracGan(), new VanillaDiracGan(0.3, saturating: true), new VanillaDiracGan(0.1, playerDimension: 3),
            new WganGpDiracGan(), new WganGpDiracGan(0.2, 1.0, 0.05), new WganDiracGan(0.05),
            new GanQpDiracGan(1.0, 0.1, GanQpDenominator.Discriminator),
        ];
        foreach (var field in fields)
        {
            int n = field.Dimension;
            int d = n / 2;
            // Away from φ = 0, where the 1-centred penalty, the WGAN direction φ/‖φ‖ and the GAN-QP ‖φ‖ denominator are
            // singular: their third derivatives, which limit central differences (error ≈ h²|f‴|, h ≈ 6e-6), grow like
            // ‖θ‖/‖φ‖⁵, so ‖φ‖ ≥ 0.5 keeps |f‴| ≲ 10² and the error below ~4e-9.
            Gen.Double[-1.5, 1.5].Array[n].Where(y => y.Take(d).Sum(v => v * v) > 0.25).Sample(y =>
            {
                var automatic = Jacobian.At(field, 0, y);
                var numeric = Jacobian.At(VectorField.Create(n, field.Evaluate), 0, y);
                // Central differences are accurate to ~ε^{2/3}·scale ≈ 1e-10 here.
                Assert.True((automatic - numeric).InfinityNorm() < 1e-8, $"{field}: {(automatic - numeric).InfinityNorm()}");
            }, iter: 40);
        }
    }

    public static TheoryData<string, double, double> EquilibriumCases() => new()
    {
        { "vanilla", 0.0, 0.5 }, { "saturating", 0.0, 0.5 }, { "vanilla", 0.3, 0.5 }, { "vanilla", 1.5, 0.5 },
        { "gan-qp", 0.0, 1.0 }, { "gan-qp", 0.2, 1.0 }, { "gan-qp-phi", 0.2, 1.0 }, { "wgan-gp", 0.0, 1.0 }, { "wgan-gp", 0.3, 1.0 },
    };

    [Theory]
    [MemberData(nameof(EquilibriumCases))]
    public void Equilibrium_eigenvalues_match_the_closed_forms(string kind, double mu, double coupling)
    {
        IVectorField field;
        Complex[] closedForm;
        double k = mu;
        switch (kind)
        {
            case "vanilla": var v = new VanillaDiracGan(mu); field = v; closedForm = v.EquilibriumEigenvalues(); break;
            case "saturating": var s = new VanillaDiracGan(mu, saturating: true); field = s; closedForm = s.EquilibriumEigenvalues(); break;
            case "gan-qp": var q = new GanQpDiracGan(1.0, mu); field = q; closedForm = q.EquilibriumEigenvalues(); break;
            case "gan-qp-phi": var p = new GanQpDiracGan(1.0, mu, GanQpDenominator.Discriminator); field = p; closedForm = p.EquilibriumEigenvalues(); break;
            default: var w = new WganGpDiracGan(0.1, 0.0, mu); field = w; closedForm = w.EquilibriumEigenvalues(); k = 0.2 + mu; break;
        }

        var stability = LinearStability.At(field, new double[4]);
        // The formula itself: s = (−k ± √(k² − 4c²))/2 (docs/gan.md, "Closed forms the checks use").
        var root = Complex.Sqrt(k * k - 4 * coupling * coupling);
        Assert.Contains(closedForm, e => Complex.Abs(e - (-k + root) / 2) < 1e-14);
        Assert.Contains(closedForm, e => Complex.Abs(e - (-k - root) / 2) < 1e-14);
        for (int i = 0; i < 4; i++)
        {
            // Double eigenvalues of a non-normal 4 × 4 matrix: the EVD is accurate to ~√ε·‖J‖ only when defective, but these
            // Jacobians are block-diagonalisable (two identical 2 × 2 blocks), so 1e-9 covers finite differences and the EVD.
            Assert.True(Complex.Abs(stability.Eigenvalues[i] - closedForm[i]) < 1e-9, $"{kind} μ = {mu}: {stability.Eigenvalues[i]} vs {closedForm[i]}");
        }
    }

    [Fact]
    public void The_article_eigenvalues_are_plus_minus_i_over_2_minus_lambda_plus_minus_i_root_and_plus_minus_i()
    {
        Assert.All(new VanillaDiracGan().EquilibriumEigenvalues(), e => Assert.Equal(0.5, Math.Abs(e.Imaginary), 15));
        Assert.All(new VanillaDiracGan().EquilibriumEigenvalues(), e => Assert.Equal(0, e.Real, 15));
        Assert.All(new GanQpDiracGan().EquilibriumEigenvalues(), e => Assert.Equal(1, Math.Abs(e.Imaginary), 15));
        Assert.All(new WganGpDiracGan().EquilibriumEigenvalues(), e =>
        {
            Assert.Equal(-0.1, e.Real, 15);
            // −0.1 ± 0.994987i (docs/gan.md, "Closed forms the checks use") is √0.99 rounded to 6 digits.
            Assert.Equal(0.994987, Math.Abs(e.Imaginary), 6);
        });
    }

    [Theory]
    [InlineData("vanilla", 100.0)]
    [InlineData("gan-qp", 40.0)]
    [InlineData("gan-qp-phi", 40.0)]
    public void J2_is_conserved_at_0_03_for_vanilla_and_GAN_QP(string kind, double end)
    {
        IVectorField field = kind switch
        {
            "vanilla" => new VanillaDiracGan(),
            "gan-qp" => new GanQpDiracGan(),
            _ => new GanQpDiracGan(1.0, 0, GanQpDenominator.Discriminator),
        };
        var solution = Solve(field, end);
        Assert.Equal(0.03, DiracGan.AngularMomentum(Start), 1e-16);
        double drift = Enumerable.Range(0, solution.Count).Max(i => Math.Abs(DiracGan.AngularMomentum(solution.State(i)) - 0.03));
        // Verner 8 at 1e-12: the invariant drifts by at most ~1e-11 over these horizons (a fixed-step RK4 at h = 0.01
        // holds it only to 1e-6).
        Assert.True(drift < 1e-9, $"J₂ drift {drift}");
    }

    [Fact]
    public void WGAN_GP_zero_centred_follows_its_closed_form_and_J2_decays_as_exp_minus_2_lambda_t()
    {
        var gan = new WganGpDiracGan();
        var solution = Ode.Solve(OdeProblem.Create(gan, Start, 0, 40), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Times(5, 20, 40) });
        var exact = new double[4];
        for (int i = 0; i < solution.Count; i++)
        {
            gan.ExactState(Start, solution.Times[i], exact);
            for (int j = 0; j < 4; j++) Assert.Equal(exact[j], solution.State(i)[j], 1e-10);
        }

        gan.ExactState(Start, 5, exact);
        // docs/gan.md, "Closed forms the checks use": θ(5) = (−0.03915955, −0.10788429), quoted to 8 decimals.
        Assert.Equal(-0.03915955, exact[2], 5e-9);
        Assert.Equal(-0.10788429, exact[3], 5e-9);
        // J₂(40) = 0.03e^{−8} = 1.006388e-5 (7 significant digits quoted).
        Assert.Equal(1.006388e-5, DiracGan.AngularMomentum(solution.State(2)), 5e-12);
        Assert.Equal(0.03 * Math.Exp(-8), DiracGan.AngularMomentum(solution.State(2)), 1e-14);
    }

    [Theory]
    [InlineData("vanilla")]
    [InlineData("saturating")]
    [InlineData("gan-qp")]
    [InlineData("wgan-gp")]
    public void With_L2_weight_decay_J2_decays_at_the_predicted_rate(string kind)
    {
        const double mu = 0.15;
        (IVectorField field, double rate) = kind switch
        {
            "vanilla" => ((IVectorField)new VanillaDiracGan(mu), mu),
            "saturating" => (new VanillaDiracGan(mu, saturating: true), mu),
            "gan-qp" => (new GanQpDiracGan(1.0, mu), mu),
            _ => (new WganGpDiracGan(0.1, 0, mu), 0.2 + mu),
        };
        var solution = Solve(field, 30);
        // J₂(t) = J₂(0)e^{−rt} exactly (r = μ, or 2λ + μ for WGAN-GP c = 0); relative to 1e-8 at the solver's tolerance.
        Assert.Equal(0.03 * Math.Exp(-rate * 30), DiracGan.AngularMomentum(solution.FinalState), 1e-8 * 0.03 * Math.Exp(-rate * 30) + 1e-13);
    }

    [Fact]
    public void Energy_laws_hold_for_every_model()
    {
        var vanilla = Solve(new VanillaDiracGan(), 100);
        // 2E goes 0.1 → 0.0671 over T = 100 (docs/gan.md, "Closed forms the checks use", 3 significant digits) and
        // stays above 2|J₂| = 0.06.
        Assert.Equal(0.0671, 2 * DiracGan.Energy(vanilla.FinalState, 2), 5e-5);
        Assert.All(Enumerable.Range(0, vanilla.Count), i => Assert.True(2 * DiracGan.Energy(vanilla.State(i), 2) >= 0.06));

        IModel[] models =
        [
            new VanillaDiracGan(), new VanillaDiracGan(0, saturating: true), new VanillaDiracGan(0.2), new GanQpDiracGan(),
            new GanQpDiracGan(1.0, 0, GanQpDenominator.Discriminator), new WganGpDiracGan(), new WganDiracGan(), new WganDiracGan(0.1),
        ];
        foreach (var model in models)
        {
            var solution = Solve(model, 40);
            foreach (var invariant in ((IHasInvariants)model).Invariants)
            {
                // Conserved laws to the solver's 1e-12 tolerance; monotone ones may not rise by more than that between samples.
                Assert.True(invariant.Measure(solution.Times, solution.States, 4).Violation < 1e-9, $"{model.Name} {model.Parameters}: {invariant.Name}");
            }
        }
    }

    [Fact]
    public void WGAN_keeps_the_discriminator_norm_and_moves_the_generator_at_unit_speed()
    {
        var solution = Ode.Solve(OdeProblem.Create(new WganDiracGan(), Start, 0, 10), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, 10, 20_001) });
        double worstNorm = 0, arc = 0;
        for (int i = 0; i < solution.Count; i++)
        {
            worstNorm = Math.Max(worstNorm, Math.Abs(DiracGan.DiscriminatorNorm(solution.State(i), 2) - Math.Sqrt(0.05)));
            if (i > 0) arc += Math.Sqrt(Math.Pow(solution.State(i)[2] - solution.State(i - 1)[2], 2) + Math.Pow(solution.State(i)[3] - solution.State(i - 1)[3], 2));
        }

        // ‖φ‖ ≡ √0.05 = 0.2236068 exactly (docs/gan.md, "Closed forms the checks use"), so the drift is the
        // solver's, ≲ 1e-11.
        Assert.True(worstNorm < 1e-10, $"‖φ‖ drift {worstNorm}");
        // ‖θ̇‖ ≡ 1, so the θ path has length 10; chords of 20,000 samples undercount by ~κ²Δs²/24 per chord (κ ≲ 20): < 1e-6.
        Assert.Equal(10, arc, 1e-5);
    }

    [Fact]
    public void WGAN_GP_one_centred_converges_to_the_unit_circle()
    {
        var solution = Solve(new WganGpDiracGan(0.1, 1.0), 400);
        var y = solution.FinalState;
        // T = 400 is ≈ 40 contraction times 1/λ: converged to ~e^{−40}; the limits are exact (docs/gan.md, "Closed
        // forms the checks use").
        Assert.Equal(1, DiracGan.GeneratorNorm(y, 2), 1e-8);
        Assert.Equal(1, DiracGan.DiscriminatorNorm(y, 2), 1e-8);
        Assert.Equal(1, DiracGan.AngularMomentum(y), 1e-8);
        Assert.Equal(0, y[0] * y[2] + y[1] * y[3], 1e-8);
    }

    [Fact]
    public void One_dimensional_vanilla_GAN_decays_algebraically_as_8_over_t()
    {
        var gan = new VanillaDiracGan(0, playerDimension: 1);
        var solution = Ode.Solve(OdeProblem.Create(gan, [0.1, 0.2], 0, 10_000), new DormandPrince5(),
            SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Times(1000, 10_000) });
        double r1000 = DiracGan.Energy(solution.State(0), 1) * 2, r10000 = DiracGan.Energy(solution.State(1), 1) * 2;
        // docs/gan.md, "Closed forms the checks use": r² = 0.0069 at t = 1000 and 7.9e-4 at t = 10⁴ (two digits
        // quoted).
        Assert.Equal(0.0069, r1000, 5e-5);
        Assert.Equal(7.9e-4, r10000, 5e-6);
        // The averaged law 8/(t + 8/r₀²) is accurate to O(r²) relative corrections: within 2% at t = 1000, 0.5% at 10⁴.
        Assert.Equal(DiracGan.OneDimensionalRadiusSquared(0.05, 1000), r1000, 0.02 * r1000);
        Assert.Equal(DiracGan.OneDimensionalRadiusSquared(0.05, 10_000), r10000, 0.005 * r10000);
        // The saturating game in 1-D is an exact circle instead (docs/corrections.md, E3).
        var saturating = Solve(new VanillaDiracGan(0, playerDimension: 1, saturating: true), 1000, [0.1, 0.2]);
        Assert.Equal(0.05, 2 * DiracGan.Energy(saturating.FinalState, 1), 1e-9);
    }

    [Fact]
    public void GAN_QP_denominators_differ_slightly_as_correction_E6_says()
    {
        double thetaNorm = DiracGan.GeneratorNorm(Solve(new GanQpDiracGan(), 40).FinalState, 2);
        double phiVariant = DiracGan.GeneratorNorm(Solve(new GanQpDiracGan(1.0, 0, GanQpDenominator.Discriminator), 40).FinalState, 2);
        // ‖θ(40)‖ = 0.17032 vs 0.17043 (five decimals quoted).
        Assert.Equal(0.17032, thetaNorm, 5e-6);
        Assert.Equal(0.17043, phiVariant, 5e-6);
    }

    [Fact]
    public void EMA_filter_attenuates_a_sinusoid_by_one_over_root_one_plus_omega_tau_squared()
    {
        const double tau = 3.0;
        var filtered = new EmaFilteredField<HarmonicOscillator>(new HarmonicOscillator(), tau, 0, 1);
        var solution = Ode.Solve(OdeProblem.Create(filtered, filtered.InitialState([1.0, 0.0]), 0, 200), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(150, 200, 20_001) });
        double amplitude = solution.Component(2).Max(Math.Abs);
        // After 150 = 50τ the transient e^{−t/τ} is gone; sampling every 0.0025 misses the peak by ≲ 3e-6 relative.
        Assert.Equal(filtered.Gain(1.0), amplitude, 1e-5);
        Assert.Equal(1 / Math.Sqrt(10), filtered.Gain(1.0), 1e-15);
    }

    [Fact]
    public void EMA_of_the_WGAN_GP_limit_cycle_shrinks_to_the_gain()
    {
        var filtered = new EmaFilteredField<WganGpDiracGan>(new WganGpDiracGan(0.1, 1.0), 5.0, 2, 2);
        var solution = Solve(filtered, 400, filtered.InitialState(Start));
        var y = solution.FinalState;
        // On the cycle θ = (cos(t + δ), sin(t + δ)) is a pure ω = 1 rotation, so ‖θ̄‖ → 1/√(1 + τ²) = 0.196116.
        Assert.Equal(1 / Math.Sqrt(26), Math.Sqrt(y[4] * y[4] + y[5] * y[5]), 1e-7);
    }

    private static Solution Solve(IVectorField field, double end, double[]? start = null) =>
        Ode.Solve(OdeProblem.Create(field, start ?? Start, 0, end), new Verner8(), SolverOptions.WithTolerance(1e-12));
}
