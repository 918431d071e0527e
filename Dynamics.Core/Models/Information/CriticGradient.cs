using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Information;

/// <summary>
/// The gradient of each variational objective (<see cref="VariationalBounds"/>) with respect to the critic's six
/// coefficients w (T = w·φ), written once over the number type: doubles (<see cref="ScalarLane"/>), SIMD lanes (one critic
/// per lane) and dual numbers (Hessian-vector products) all run these formulas. The features φ are data, shared by
/// every lane. With softmaxᵢ(T) = e^{Tᵢ − s}/Σⱼ e^{Tⱼ − s} (s = max T, which cancels):
/// <list type="bullet">
/// <item>JS: mean_P σ(−T)φ − mean_Q σ(T)φ (d log σ(T)/dT = σ(−T), d log(1 − σ(T))/dT = −σ(T));</item>
/// <item>DV: mean_P φ − Σ_Q softmax(T)φ;</item>
/// <item>NWJ: mean_P φ − mean_Q e^T φ;</item>
/// <item>InfoNCE: the mean over rows i of φᵢᵢ − Σⱼ softmaxⱼ(Tᵢⱼ)φᵢⱼ, j over the row's batch.</item>
/// </list>
/// </summary>
internal static class CriticGradient
{
    private const int F = QuadraticCritic.ParameterCount;

    /// <summary>Writes ∂objective/∂w (the ascent direction of critic training) into <paramref name="gradient"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Evaluate<T, TVector>(CriticObjective objective, in TVector w, CriticSample sample, int batch, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        var critic = CriticCoefficients<T>.Read(in w);
        var sum = default(Sum<T>);
        switch (objective)
        {
            case CriticObjective.JensenShannon:
                sum.AddWeighted<SigmoidOfMinus>(critic, sample.AllPositiveFeatures, T.Create(1.0 / sample.Count));
                sum.AddWeighted<MinusSigmoid>(critic, sample.AllNegativeFeatures, T.Create(1.0 / sample.NegativeCount));
                break;
            case CriticObjective.DonskerVaradhan:
                sum.AddWeighted<One>(critic, sample.AllPositiveFeatures, T.Create(1.0 / sample.Count));
                sum.AddSoftmaxMean(critic, sample.AllNegativeFeatures, T.Create(-1.0));
                break;
            case CriticObjective.NguyenWainwrightJordan:
                sum.AddWeighted<One>(critic, sample.AllPositiveFeatures, T.Create(1.0 / sample.Count));
                sum.AddWeighted<MinusExp>(critic, sample.AllNegativeFeatures, T.Create(1.0 / sample.NegativeCount));
                break;
            case CriticObjective.InfoNce:
                AddInfoNce(critic, sample, batch, ref sum);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(objective), objective, $"Unknown critic objective {objective}.");
        }

        gradient[0] = sum.G0;
        gradient[1] = sum.G1;
        gradient[2] = sum.G2;
        gradient[3] = sum.G3;
        gradient[4] = sum.G4;
        gradient[5] = sum.G5;
    }

    // Row i of a batch scores the pairs (xᵢ, z_c) by T = w·φ with φ(xᵢ, z_c) = (1, Σx, Σz, Σx², x·z, Σz²). The terms of xᵢ
    // alone (w₀, w_x, w_xx) are the same for every c, so they cancel in the row's softmax, and their gradient components
    // φᵢᵢ − Σ_c softmax_c φ_c are exactly 0: only s_c = w_z Σz_c + w_xz xᵢ·z_c + w_zz Σz_c² is needed, and the z-sums are
    // already in the positive pairs' features.
    private static void AddInfoNce<T>(in CriticCoefficients<T> critic, CriticSample sample, int batch, ref Sum<T> sum) where T : struct, IFieldNumber<T>
    {
        VariationalBounds.CheckBatch(sample, batch);
        int batches = sample.Count / batch;
        // Up to K = 256 on the stack, so training steps do not allocate.
        Span<double> cross = batch <= 256 ? stackalloc double[256] : new double[batch];
        var rowWeight = T.Create(1.0 / (batches * batch));
        for (int b = 0; b < batches; b++)
        {
            for (int r = 0; r < batch; r++)
            {
                int i = b * batch + r;
                var own = sample.PositiveFeatures(i);
                T shift = CriticValue.RowShift(critic, sample, i, b * batch, batch, cross), norm = T.Create(0.0), z = norm, xz = norm, zz = norm;

                for (int c = 0; c < batch; c++)
                {
                    var other = sample.PositiveFeatures(b * batch + c);
                    T e = T.Exp(critic.RowScore(other, cross[c]) - shift);
                    norm += e;
                    z += e * T.Create(other[2]);
                    xz += e * T.Create(cross[c]);
                    zz += e * T.Create(other[5]);
                }

                T inverse = T.Create(1.0) / norm;
                sum.G2 += rowWeight * (T.Create(own[2]) - z * inverse);
                sum.G4 += rowWeight * (T.Create(own[4]) - xz * inverse);
                sum.G5 += rowWeight * (T.Create(own[5]) - zz * inverse);
            }
        }
    }

    // Six running sums, one per coefficient.
    private struct Sum<T> where T : struct, IFieldNumber<T>
    {
        public T G0, G1, G2, G3, G4, G5;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Add(T weight, ReadOnlySpan<double> phi)
        {
            G0 += weight * T.Create(phi[0]);
            G1 += weight * T.Create(phi[1]);
            G2 += weight * T.Create(phi[2]);
            G3 += weight * T.Create(phi[3]);
            G4 += weight * T.Create(phi[4]);
            G5 += weight * T.Create(phi[5]);
        }

        // Adds scale·Σ weight(T)·φ over the pairs whose features are packed six per pair.
        public void AddWeighted<TWeight>(in CriticCoefficients<T> critic, ReadOnlySpan<double> features, T scale) where TWeight : IPairWeight
        {
            var part = default(Sum<T>);
            for (int i = 0; i < features.Length; i += F)
            {
                var phi = features.Slice(i, F);
                part.Add(TWeight.Of(critic.Score(phi)), phi);
            }

            AddScaled(part, scale);
        }

        // Adds scale·Σ softmax(T)·φ over the packed pairs: a max pass (the shift s cancels), then one pass of e^{T − s}.
        public void AddSoftmaxMean(in CriticCoefficients<T> critic, ReadOnlySpan<double> features, T scale)
        {
            T shift = T.Create(double.NegativeInfinity), norm = T.Create(0.0);
            for (int i = 0; i < features.Length; i += F) shift = T.Max(shift, critic.Score(features.Slice(i, F)));
            var part = default(Sum<T>);
            for (int i = 0; i < features.Length; i += F)
            {
                var phi = features.Slice(i, F);
                T e = T.Exp(critic.Score(phi) - shift);
                norm += e;
                part.Add(e, phi);
            }

            AddScaled(part, scale / norm);
        }

        private void AddScaled(in Sum<T> part, T scale)
        {
            G0 += scale * part.G0;
            G1 += scale * part.G1;
            G2 += scale * part.G2;
            G3 += scale * part.G3;
            G4 += scale * part.G4;
            G5 += scale * part.G5;
        }
    }

    // The per-pair factor of φ: a function of the score T alone.
    private interface IPairWeight
    {
        static abstract T Of<T>(T score) where T : struct, IFieldNumber<T>;
    }

    private readonly struct One : IPairWeight
    {
        public static T Of<T>(T score) where T : struct, IFieldNumber<T> => T.Create(1.0);
    }

    private readonly struct SigmoidOfMinus : IPairWeight
    {
        public static T Of<T>(T score) where T : struct, IFieldNumber<T> => FieldFunctions.Sigmoid(-score);
    }

    private readonly struct MinusSigmoid : IPairWeight
    {
        public static T Of<T>(T score) where T : struct, IFieldNumber<T> => -FieldFunctions.Sigmoid(score);
    }

    private readonly struct MinusExp : IPairWeight
    {
        public static T Of<T>(T score) where T : struct, IFieldNumber<T> => -T.Exp(score);
    }
}
