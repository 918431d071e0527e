using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Information;

/// <summary>
/// Each variational objective's sample estimate (<see cref="VariationalBounds"/>) as a function of the critic's six
/// coefficients w (T = w·φ), written once over the number type: the double estimates, <see cref="CriticLoss"/>'s value in
/// SIMD lanes and its dual-number derivative (which <see cref="CriticGradient"/>'s formulas must equal) all run these. The
/// features φ are data, shared by every lane. Log-sum-exps subtract their largest term, so no exponential overflows.
/// </summary>
internal static class CriticValue
{
    /// <summary>The estimate of <paramref name="objective"/> at the critic w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Evaluate<T, TVector>(CriticObjective objective, in TVector w, CriticSample sample, int batch)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        var critic = CriticCoefficients<T>.Read(in w);
        return objective switch
        {
            // E_P log σ(T) + E_Q log(1 − σ(T)) = −E_P softplus(−T) − E_Q softplus(T).
            CriticObjective.JensenShannon => JensenShannon(critic, sample),
            CriticObjective.DonskerVaradhan => PositiveMean(critic, sample) - LogMeanExp(critic, sample),
            CriticObjective.NguyenWainwrightJordan => T.Create(1.0) + PositiveMean(critic, sample) - T.Exp(LogMeanExp(critic, sample)),
            CriticObjective.InfoNce => InfoNce(critic, sample, batch),
            _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, $"Unknown critic objective {objective}."),
        };
    }

    /// <summary>
    /// Fills <paramref name="cross"/> with xᵢ·z_c for the row's batch members c and returns the largest row score: the shift
    /// of InfoNCE's row softmax, shared by the value and the gradient.
    /// </summary>
    internal static T RowShift<T>(in CriticCoefficients<T> critic, CriticSample sample, int row, int first, int batch, Span<double> cross)
        where T : struct, IFieldNumber<T>
    {
        T shift = T.Create(double.NegativeInfinity);
        for (int c = 0; c < batch; c++)
        {
            cross[c] = VariationalBounds.Dot(sample.X(row), sample.Z(first + c));
            shift = T.Max(shift, critic.RowScore(sample.PositiveFeatures(first + c), cross[c]));
        }

        return shift;
    }

    private static T JensenShannon<T>(in CriticCoefficients<T> critic, CriticSample sample) where T : struct, IFieldNumber<T>
    {
        T positive = T.Create(0.0), negative = positive;
        for (int i = 0; i < sample.Count; i++) positive -= FieldFunctions.Softplus(-critic.Score(sample.PositiveFeatures(i)));
        for (int j = 0; j < sample.NegativeCount; j++) negative -= FieldFunctions.Softplus(critic.Score(sample.NegativeFeatures(j)));
        return positive / T.Create(sample.Count) + negative / T.Create(sample.NegativeCount);
    }

    private static T PositiveMean<T>(in CriticCoefficients<T> critic, CriticSample sample) where T : struct, IFieldNumber<T>
    {
        T sum = T.Create(0.0);
        for (int i = 0; i < sample.Count; i++) sum += critic.Score(sample.PositiveFeatures(i));
        return sum / T.Create(sample.Count);
    }

    // ln((1/M) Σ_Q e^T) over the M negative pairs.
    private static T LogMeanExp<T>(in CriticCoefficients<T> critic, CriticSample sample) where T : struct, IFieldNumber<T>
    {
        T max = T.Create(double.NegativeInfinity), sum = T.Create(0.0);
        for (int j = 0; j < sample.NegativeCount; j++) max = T.Max(max, critic.Score(sample.NegativeFeatures(j)));
        for (int j = 0; j < sample.NegativeCount; j++) sum += T.Exp(critic.Score(sample.NegativeFeatures(j)) - max);
        return max + T.Log(sum / T.Create(sample.NegativeCount));
    }

    // The row mean of T(xᵢ, zᵢ) − ln((1/K) Σ_c e^{T(xᵢ, z_c)}); the terms of xᵢ alone cancel in each row (see
    // CriticGradient), so only the row scores are formed.
    private static T InfoNce<T>(in CriticCoefficients<T> critic, CriticSample sample, int batch) where T : struct, IFieldNumber<T>
    {
        VariationalBounds.CheckBatch(sample, batch);
        int batches = sample.Count / batch;
        // Up to K = 256 on the stack, so evaluations do not allocate.
        Span<double> cross = batch <= 256 ? stackalloc double[256] : new double[batch];
        T total = T.Create(0.0), size = T.Create(batch);
        for (int b = 0; b < batches; b++)
        {
            for (int r = 0; r < batch; r++)
            {
                int first = b * batch;
                T shift = RowShift(critic, sample, first + r, first, batch, cross), sum = T.Create(0.0);
                for (int c = 0; c < batch; c++) sum += T.Exp(critic.RowScore(sample.PositiveFeatures(first + c), cross[c]) - shift);
                total += critic.RowScore(sample.PositiveFeatures(first + r), cross[r]) - (shift + T.Log(sum / size));
            }
        }

        return total / T.Create(batches * batch);
    }
}
