using Dynamics.Simd;

namespace Dynamics.Solvers.StepSize;

/// <summary>
/// How a local error vector is measured against the tolerances. Each component is scaled by
/// sᵢ = atolᵢ + rtol · max(|y₀ᵢ|, |y₁ᵢ|) (Hairer, Nørsett &amp; Wanner I, eq. II.4.10); a step is accepted when the
/// norm of eᵢ/sᵢ is at most 1. A proposed state with a NaN or infinite component measures as NaN, so it is always
/// rejected (an infinite y₁ would otherwise make its scale infinite and its scaled error 0).
/// </summary>
public abstract class ErrorNorm
{
    /// <summary>The root-mean-square norm √(Σ(eᵢ/sᵢ)²/n), Hairer's choice and the default.</summary>
    public static ErrorNorm Rms { get; } = new RmsNorm();

    /// <summary>The maximum norm maxᵢ |eᵢ/sᵢ|: every component individually within tolerance.</summary>
    public static ErrorNorm Max { get; } = new MaxNorm();

    /// <summary>The norm's name.</summary>
    public abstract string Name { get; }

    /// <summary>Measures <paramref name="errorEstimate"/> against the tolerances.</summary>
    /// <param name="errorEstimate">The local error estimate.</param>
    /// <param name="y0">The state at the step's start.</param>
    /// <param name="y1">The proposed state at the step's end.</param>
    /// <param name="relativeTolerance">rtol.</param>
    /// <param name="absoluteTolerances">atolᵢ, one per component.</param>
    /// <returns>The normalised error (≤ 1 accepts the step).</returns>
    public abstract double Measure(ReadOnlySpan<double> errorEstimate, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
        double relativeTolerance, ReadOnlySpan<double> absoluteTolerances);

    /// <summary>
    /// The square of <see cref="Measure"/>. The integrator compares it with 1 and takes ½·ln of it for the controller,
    /// which keeps a square root off every step's critical path.
    /// </summary>
    /// <param name="errorEstimate">The local error estimate.</param>
    /// <param name="y0">The state at the step's start.</param>
    /// <param name="y1">The proposed state at the step's end.</param>
    /// <param name="relativeTolerance">rtol.</param>
    /// <param name="absoluteTolerances">atolᵢ, one per component.</param>
    /// <returns>The squared normalised error (NaN for a non-finite proposal).</returns>
    public virtual double MeasureSquared(ReadOnlySpan<double> errorEstimate, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
        double relativeTolerance, ReadOnlySpan<double> absoluteTolerances)
    {
        double error = Measure(errorEstimate, y0, y1, relativeTolerance, absoluteTolerances);
        return error * error;
    }

    /// <summary>
    /// <see cref="MeasureSquared(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, ReadOnlySpan{double})"/>
    /// with a relative tolerance per component, sᵢ = atolᵢ + rtolᵢ · max(|y₀ᵢ|, |y₁ᵢ|). A component whose scale is 0
    /// (atolᵢ = 0 and y₀ᵢ = y₁ᵢ = 0) contributes 0 when its error is exactly 0 and rejects the step otherwise. The
    /// built-in norms implement it directly; a custom norm inherits a version that needs equal relative tolerances.
    /// </summary>
    /// <param name="errorEstimate">The local error estimate.</param>
    /// <param name="y0">The state at the step's start.</param>
    /// <param name="y1">The proposed state at the step's end.</param>
    /// <param name="relativeTolerances">rtolᵢ, one per component.</param>
    /// <param name="absoluteTolerances">atolᵢ, one per component.</param>
    /// <returns>The squared normalised error (NaN for a non-finite proposal).</returns>
    public virtual double MeasureSquared(ReadOnlySpan<double> errorEstimate, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
        ReadOnlySpan<double> relativeTolerances, ReadOnlySpan<double> absoluteTolerances)
    {
        for (int i = 1; i < relativeTolerances.Length; i++)
        {
            if (relativeTolerances[i] != relativeTolerances[0])
                throw new NotSupportedException($"The error norm '{Name}' does not support per-component relative tolerances; override this overload.");
        }

        return MeasureSquared(errorEstimate, y0, y1, relativeTolerances.Length > 0 ? relativeTolerances[0] : 0, absoluteTolerances);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;


    private sealed class RmsNorm : ErrorNorm
    {
        public override string Name => "RMS";

        public override double Measure(ReadOnlySpan<double> errorEstimate, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
            double relativeTolerance, ReadOnlySpan<double> absoluteTolerances) =>
            Math.Sqrt(MeasureSquared(errorEstimate, y0, y1, relativeTolerance, absoluteTolerances));

        public override double MeasureSquared(ReadOnlySpan<double> errorEstimate, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
            double relativeTolerance, ReadOnlySpan<double> absoluteTolerances) =>
            StepControl<ScalarLane>.RmsErrorSquared(errorEstimate, y0, y1, 0, 1, absoluteTolerances, new ReadOnlySpan<double>(in relativeTolerance)).Value;

        // The step-control core's norm, which the SIMD lanes and lockstep batches use too.
        public override double MeasureSquared(ReadOnlySpan<double> errorEstimate, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
            ReadOnlySpan<double> relativeTolerances, ReadOnlySpan<double> absoluteTolerances) =>
            StepControl<ScalarLane>.RmsErrorSquared(errorEstimate, y0, y1, 0, 1, absoluteTolerances, relativeTolerances).Value;
    }

    private sealed class MaxNorm : ErrorNorm
    {
        public override string Name => "max";

        public override double Measure(ReadOnlySpan<double> errorEstimate, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
            double relativeTolerance, ReadOnlySpan<double> absoluteTolerances)
        {
            double max = 0;
            for (int i = 0; i < errorEstimate.Length; i++)
            {
                if (!double.IsFinite(y1[i])) return double.NaN;
                double scaled = Math.Abs(errorEstimate[i]) / (absoluteTolerances[i] + relativeTolerance * Math.Max(Math.Abs(y0[i]), Math.Abs(y1[i])));
                // NaN must propagate so a non-finite step is rejected, which Math.Max would not guarantee.
                if (!(scaled <= max)) max = scaled;
            }

            return max;
        }

        public override double MeasureSquared(ReadOnlySpan<double> errorEstimate, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
            ReadOnlySpan<double> relativeTolerances, ReadOnlySpan<double> absoluteTolerances)
        {
            double max = 0;
            for (int i = 0; i < errorEstimate.Length; i++)
            {
                if (!double.IsFinite(y1[i])) return double.NaN;
                double error = Math.Abs(errorEstimate[i]);
                double scaled = error == 0 ? 0 : error / (absoluteTolerances[i] + relativeTolerances[i] * Math.Max(Math.Abs(y0[i]), Math.Abs(y1[i])));
                if (!(scaled <= max)) max = scaled;
            }

            return max * max;
        }
    }
}
