using System.Runtime.InteropServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// A smooth objective on the probability simplex, f(y) = c·y + (w/2)‖y − t‖², whose expectation over a categorical
/// y ∼ softmax(o) is L(o) = Σᵢ pᵢ fᵢ with fᵢ = f(eᵢ). With w = 0 it is the linear cost of the discrete score-function oracle of docs/estimators.md
/// (f(y) = c_y); with w &gt; 0 its gradient ∇f(y) = c + w(y − t) differs between a relaxed point and a vertex, which is
/// what makes straight-through biased. The exact gradient by enumeration is ∂L/∂oⱼ = pⱼ(fⱼ − Σᵢ pᵢ fᵢ).
/// </summary>
public sealed record SimplexObjective
{
    private readonly double[] _costs, _target;

    /// <summary>f(y) = c·y + (w/2)‖y − t‖².</summary>
    /// <param name="costs">c, finite, length K ≥ 1.</param>
    /// <param name="weight">w ≥ 0 (0 for a linear cost).</param>
    /// <param name="target">t, length K (null: the zero vector).</param>
    public SimplexObjective(double[] costs, double weight = 0, double[]? target = null)
    {
        ArgumentNullException.ThrowIfNull(costs);
        Require.AtLeast(costs.Length, 1, "costs.Length");
        Require.AllFinite(costs, nameof(costs));
        Require.NonNegative(weight, nameof(weight));
        target ??= new double[costs.Length];
        Require.Length(target.Length, costs.Length, nameof(target));
        Require.AllFinite(target, nameof(target));
        _costs = [.. costs];
        _target = [.. target];
        Weight = weight;
    }

    /// <summary>The number of categories K.</summary>
    public int Categories => _costs.Length;

    /// <summary>The linear costs c.</summary>
    public ReadOnlySpan<double> Costs => _costs;

    /// <summary>The target t of the quadratic term.</summary>
    public ReadOnlySpan<double> Target => _target;

    /// <summary>The weight w of the quadratic term.</summary>
    public double Weight { get; }

    /// <summary>f(y).</summary>
    /// <param name="y">A point (of the simplex), length K.</param>
    /// <returns>c·y + (w/2)‖y − t‖².</returns>
    public double Value(ReadOnlySpan<double> y)
    {
        Require.Length(y.Length, Categories, nameof(y));
        double linear = 0, square = 0;
        for (int i = 0; i < y.Length; i++)
        {
            linear += _costs[i] * y[i];
            square += (y[i] - _target[i]) * (y[i] - _target[i]);
        }

        return linear + 0.5 * Weight * square;
    }

    /// <summary>fᵢ = f(eᵢ) = cᵢ + (w/2)(‖t‖² − 2tᵢ + 1), the value at vertex i.</summary>
    /// <param name="category">i ∈ [0, K).</param>
    /// <returns>fᵢ.</returns>
    public double VertexValue(int category)
    {
        Require.Component(category, Categories, nameof(category));
        double norm = 0;
        foreach (double t in _target) norm += t * t;
        return _costs[category] + 0.5 * Weight * (norm - 2 * _target[category] + 1);
    }

    /// <summary>L(o) = Σᵢ softmax(o)ᵢ fᵢ, the expected value of f at a categorical sample.</summary>
    /// <param name="logits">o, length K.</param>
    /// <returns>L.</returns>
    public double Expectation(ReadOnlySpan<double> logits)
    {
        Categorical.CheckLogits(logits);
        Require.Length(logits.Length, Categories, nameof(logits));
        return Expectation<ScalarLane, SpanVector<ScalarLane>>(LossGradient.ScalarView(logits)).Value;
    }

    /// <summary>L(o) = Σᵢ softmax(o)ᵢ fᵢ written once over the number type: the value of <see cref="CategoricalLoss"/>.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <typeparam name="TVector">The vector accessor.</typeparam>
    /// <param name="logits">The logits o, K components.</param>
    /// <returns>L.</returns>
    public T Expectation<T, TVector>(in TVector logits)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct => Softmax<T, TVector>(logits, out _, out _);

    /// <summary>The exact gradient by enumeration over the K categories: ∂L/∂oⱼ = pⱼ(fⱼ − Σᵢ pᵢ fᵢ).</summary>
    /// <param name="logits">o, length K.</param>
    /// <param name="gradient">Receives ∇L, length K.</param>
    public void ExactGradient(ReadOnlySpan<double> logits, Span<double> gradient)
    {
        Require.Length(logits.Length, Categories, nameof(logits));
        Require.Length(gradient.Length, Categories, nameof(gradient));
        var result = new SpanVector<ScalarLane>(MemoryMarshal.Cast<double, ScalarLane>(gradient));
        ExactGradient<ScalarLane, SpanVector<ScalarLane>>(LossGradient.ScalarView(logits), ref result);
    }

    /// <summary>
    /// ∂/∂oⱼ E f(y) = pⱼ(fⱼ − Σᵢ pᵢfᵢ) with p = softmax(o), written once over the number type (the logits' largest is
    /// subtracted before exponentiating, so no term overflows): the exact gradient of <see cref="CategoricalLoss"/>.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <typeparam name="TVector">The vector accessor.</typeparam>
    /// <param name="logits">The logits o, K components.</param>
    /// <param name="gradient">Receives the gradient in components 0 … K − 1.</param>
    public void ExactGradient<T, TVector>(in TVector logits, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T mean = Softmax<T, TVector>(logits, out T max, out T sum);
        for (int j = 0; j < Categories; j++) gradient[j] = T.Exp(logits[j] - max) / sum * (T.Create(VertexValue(j)) - mean);
    }

    // Σᵢ pᵢfᵢ with pᵢ = e^{oᵢ − m}/Σⱼ e^{oⱼ − m}, m the largest logit (so no term overflows); also m and the sum.
    private T Softmax<T, TVector>(in TVector logits, out T max, out T sum)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        int k = Categories;
        T mean = T.Create(0.0);
        max = logits[0];
        sum = T.Create(0.0);
        for (int i = 1; i < k; i++) max = T.Max(max, logits[i]);
        for (int i = 0; i < k; i++) sum += T.Exp(logits[i] - max);
        for (int i = 0; i < k; i++) mean += T.Exp(logits[i] - max) / sum * T.Create(VertexValue(i));
        return mean;
    }

    /// <summary>∇f(y) = c + w(y − t), without checks (the estimators call it per sample).</summary>
    internal void GradientAt(ReadOnlySpan<double> y, Span<double> gradient)
    {
        for (int i = 0; i < y.Length; i++) gradient[i] = _costs[i] + Weight * (y[i] - _target[i]);
    }

    /// <summary>∇f(e_category) = c + w(e_category − t), without checks.</summary>
    internal void GradientAtVertex(int category, Span<double> gradient)
    {
        for (int i = 0; i < gradient.Length; i++) gradient[i] = _costs[i] + Weight * ((i == category ? 1 : 0) - _target[i]);
    }
}
