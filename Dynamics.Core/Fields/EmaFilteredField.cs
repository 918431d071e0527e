using Dynamics.Validation;

namespace Dynamics.Fields;

/// <summary>
/// A field augmented by the continuous exponential moving average of some of its components: the state is
/// (y, ȳ) with ẏ = f(t, y) and dȳⱼ/dt = (y_{first+j} − ȳⱼ)/τ. This is the limit of the weight EMA
/// ȳ ← ρȳ + (1 − ρ)y taken once per step h with τ = h/(1 − ρ); fed y = A cos ωt it settles to amplitude
/// A/√(1 + ω²τ²) with phase lag arctan ωτ. Su uses it to recover the equilibrium a GAN circles around
/// (kexue.fm/archives/6583, docs/gan.md).
/// </summary>
/// <typeparam name="TField">The inner field.</typeparam>
public readonly record struct EmaFilteredField<TField> : IModel, IHasInvariants where TField : IVectorField
{
    /// <summary>Averages components <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of <paramref name="inner"/>.</summary>
    /// <param name="inner">The field whose components are averaged.</param>
    /// <param name="tau">The averaging time τ &gt; 0.</param>
    /// <param name="first">The first averaged component.</param>
    /// <param name="count">How many consecutive components are averaged (at least 1).</param>
    public EmaFilteredField(TField inner, double tau, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Require.AtLeast(first, 0, nameof(first));
        Require.AtLeast(count, 1, nameof(count));
        if (first + count > inner.Dimension)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"Components {first} … {first + count - 1} do not exist in a field of dimension {inner.Dimension}.");
        Inner = inner;
        Tau = tau;
        First = first;
        Count = count;
    }

    /// <summary>The inner field.</summary>
    public TField Inner { get; }

    /// <summary>The averaging time τ &gt; 0 (τ = h/(1 − ρ) for a per-step decay ρ and step h).</summary>
    public double Tau
    {
        get;
        init
        {
            Require.Positive(value, nameof(Tau));
            field = value;
        }
    }

    /// <summary>The first averaged component of the inner state.</summary>
    public int First { get; }

    /// <summary>How many components are averaged.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public int Dimension => Inner.Dimension + Count;

    /// <inheritdoc/>
    public string Name => (Inner is IModel model ? model.Name : "Field") + " with EMA";

    /// <inheritdoc/>
    public string Parameters
    {
        get
        {
            string tau = ParameterText.Of(("τ", Tau));
            return Inner is IModel model && !string.IsNullOrWhiteSpace(model.Parameters) ? $"{model.Parameters}, EMA {tau}" : $"EMA {tau}";
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames
    {
        get
        {
            var inner = Inner is IModel model ? model.ComponentNames : ComponentLabels.Indexed("y", Inner.Dimension);
            var names = new string[Dimension];
            for (int i = 0; i < inner.Count; i++) names[i] = inner[i];
            for (int j = 0; j < Count; j++) names[inner.Count + j] = $"EMA of {inner[First + j]}";
            return names;
        }
    }

    /// <summary>The inner field's invariants (they read only the inner components, which the filter does not disturb).</summary>
    public IReadOnlyList<Invariant> Invariants => Inner is IHasInvariants declared ? declared.Invariants : [];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = Inner.Dimension;
        Inner.Evaluate(t, y[..n], dydt[..n]);
        double rate = 1 / Tau;
        for (int j = 0; j < Count; j++) dydt[n + j] = (y[First + j] - y[n + j]) * rate;
    }

    /// <summary>The initial state (y₀, ȳ₀) with the average started at the averaged components of y₀.</summary>
    /// <param name="innerState">y₀, of the inner field's dimension.</param>
    /// <returns>The augmented initial state.</returns>
    public double[] InitialState(ReadOnlySpan<double> innerState)
    {
        Require.Length(innerState.Length, Inner.Dimension, nameof(innerState));
        var state = new double[Dimension];
        innerState.CopyTo(state);
        innerState.Slice(First, Count).CopyTo(state.AsSpan(Inner.Dimension));
        return state;
    }

    /// <summary>The steady-state amplitude gain 1/√(1 + ω²τ²) of the filter for a sinusoid of angular frequency ω.</summary>
    /// <param name="omega">The angular frequency ω.</param>
    /// <returns>The gain.</returns>
    public double Gain(double omega) => 1 / Math.Sqrt(1 + omega * omega * Tau * Tau);
}
