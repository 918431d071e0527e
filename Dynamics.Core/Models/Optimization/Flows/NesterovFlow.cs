using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;
using MathNet.Numerics;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// Nesterov's ODE θ̈ + (r/t)θ̇ + ∇L(θ) = 0 (Su, Boyd &amp; Candès, "A differential equation for modeling Nesterov's
/// accelerated gradient method", JMLR 2016; r = 3 is the limit of Nesterov's scheme with momentum (k − 1)/(k + 2) and
/// t ≈ k√s), as the state (θ, η). The friction r/t vanishes as t grows, which gives L − L* = O(1/t²) on convex losses.
/// The ODE is singular at t = 0; solutions start there with η(0) = 0, and at t = 0 the field uses the limit
/// η̇(0) = −∇L/(1 + r). On L = ½aθ² the solution is θ(t) = θ₀Γ(ν + 1)(2/s)^ν J_ν(s), s = √a·t, ν = (r − 1)/2
/// (2J₁(s)/s for r = 3); see <see cref="QuadraticSolution"/>.
/// </summary>
/// <typeparam name="TLoss">The loss.</typeparam>
public readonly record struct NesterovFlow<TLoss> : IModel, IHasInvariants, ILaneField where TLoss : ILoss
{
    /// <summary>Nesterov's ODE with friction r/t.</summary>
    /// <param name="loss">The loss L.</param>
    /// <param name="r">The friction numerator r &gt; 0 (3 for Nesterov's method).</param>
    public NesterovFlow(TLoss loss, double r = 3)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
        R = r;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <summary>The friction numerator r &gt; 0 (3 for Nesterov's method; r ≥ 3 guarantees O(1/t²)).</summary>
    public double R
    {
        get;
        init
        {
            Require.Positive(value, nameof(R));
            field = value;
        }
    }

    /// <inheritdoc/>
    public int Dimension => 2 * Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Nesterov ODE on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => FlowLabels.Combine(ParameterText.Of(("r", R)), Loss.Parameters);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames =>
        [.. ComponentLabels.Indexed("θ", Loss.Dimension), .. ComponentLabels.Indexed("η", Loss.Dimension)];

    /// <summary>The energy ½‖η‖² + L(θ), non-increasing for t &gt; 0 because the friction r/t is positive.</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var loss = Loss;
            return [new Invariant("E = ½‖η‖² + L(θ)", (t, y) => FlowInvariants.Energy(loss, y), InvariantKind.NonIncreasing)];
        }
    }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // r is parameter 0, the loss's follow. The gradient is written into the θ block first and consumed there.
        int d = Loss.Dimension;
        T r = parameters.Read(0, R);
        Loss.Gradient<T, OffsetParameters<T, TParameters>, TVector>(new OffsetParameters<T, TParameters>(parameters, 1), in y, ref dydt);
        // At t = 0, η ≈ −t∇L/(1 + r), so (r/t)η → −r∇L/(1 + r) and η̇ → −∇L/(1 + r) (t ≥ 0).
        T friction = r / t, scale = T.Create(1.0) / (T.Create(1.0) + r);
        for (int i = 0; i < d; i++)
        {
            T g = dydt[i], v = y[d + i];
            dydt[i] = v;
            dydt[d + i] = T.WhereZero(t, -scale * g, -friction * v - g);
        }
    }

    /// <summary>
    /// The exact solution on L = ½aθ² from θ(0) = θ₀, θ̇(0) = 0: θ(t) = θ₀Γ(ν + 1)(2/s)^ν J_ν(s) with s = √a·t and
    /// ν = (r − 1)/2 (Su, Boyd &amp; Candès 2016, §3.1).
    /// </summary>
    /// <param name="curvature">a &gt; 0.</param>
    /// <param name="theta0">θ₀.</param>
    /// <param name="t">The time t ≥ 0.</param>
    /// <returns>θ(t).</returns>
    public double QuadraticSolution(double curvature, double theta0, double t)
    {
        Require.Positive(curvature, nameof(curvature));
        Require.Finite(theta0, nameof(theta0));
        Require.NonNegative(t, nameof(t));
        double s = Math.Sqrt(curvature) * t;
        if (s == 0) return theta0;
        double nu = (R - 1) / 2;
        return theta0 * SpecialFunctions.Gamma(nu + 1) * Math.Pow(2 / s, nu) * SpecialFunctions.BesselJ(nu, s);
    }
}
