using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Simd;

namespace Dynamics.Tests.Solvers.Ensembles;

/// <summary>
/// The SIMD batch fields against their scalar models at every member count 0…64, so every path runs: the 8-wide
/// AVX-512 loop, the 4-wide remainder and the scalar remainder (and their combinations).
/// </summary>
public class BatchFieldTests
{
    public static TheoryData<int> Lengths() => [.. Enumerable.Range(0, 65)];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Lorenz_batch_matches_the_scalar_model(int count) =>
        AssertMatchesScalar(new Lorenz(10, 28, 8.0 / 3), count, scale: 40);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Van_der_Pol_batch_matches_the_scalar_model(int count) =>
        AssertMatchesScalar(new VanDerPol(1.5), count, scale: 3);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Damped_pendulum_batch_matches_the_scalar_model(int count) =>
        AssertMatchesScalar(new DampedPendulum(0.3, 2.0), count, scale: 6);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Memberwise_adapter_is_exactly_the_scalar_model(int count)
    {
        var model = new Arenstorf();
        var (y, expected) = ScalarReference(model, count, scale: 1, seed: count);
        var dydt = new double[y.Length];
        new MemberwiseBatchField<Arenstorf>(model).Evaluate(0, y, dydt, count);
        Assert.Equal(expected, dydt);
    }

    [Fact]
    public void A_member_gets_the_same_bits_at_every_position_and_width()
    {
        // Every lane width computes the same fused operations, so where a member sits in the batch cannot matter.
        var field = new LaneBatchField<DampedPendulum>(new DampedPendulum(0.3, 2.0));
        var (y, _) = ScalarReference(new DampedPendulum(0.3, 2.0), 37, scale: 6, seed: 5);
        var all = new double[y.Length];
        field.Evaluate(0, y, all, 37);
        for (int m = 0; m < 37; m++)
        {
            double[] single = [y[m], y[37 + m]];
            var derivative = new double[2];
            field.Evaluate(0, single, derivative, 1);
            Assert.Equal(all[m], derivative[0]);
            Assert.Equal(all[37 + m], derivative[1]);
        }
    }

    [Fact]
    public void Lane_kernels_read_per_lane_parameters()
    {
        int w = Lanes.Width;
        var members = Enumerable.Range(0, w).Select(l => new Lorenz(10 + l, 20 + l, 1 + 0.5 * l)).ToArray();
        var parameters = new double[3 * w];
        var y = new double[3 * w];
        var random = new Random(3);
        Span<double> p = stackalloc double[LaneField.MaxParameters];
        for (int l = 0; l < w; l++)
        {
            Assert.Equal(3, LaneField.WriteParameters(members[l], p));
            for (int i = 0; i < 3; i++)
            {
                parameters[i * w + l] = p[i];
                y[i * w + l] = 20 * random.NextDouble();
            }
        }

        var dydt = new double[3 * w];
        if (w == 8) EvaluateLanes<Lane512>(members[0], parameters, y, dydt);
        else if (w == 4) EvaluateLanes<Lane256>(members[0], parameters, y, dydt);
        else EvaluateLanes<ScalarLane>(members[0], parameters, y, dydt);
        for (int l = 0; l < w; l++)
        {
            var expected = new double[3];
            members[l].Evaluate(0, [y[l], y[w + l], y[2 * w + l]], expected);
            for (int i = 0; i < 3; i++) Assert.Equal(expected[i], dydt[i * w + l]);
        }
    }

    [Fact]
    public void Too_short_spans_are_rejected_naming_the_span()
    {
        var field = new LaneBatchField<Lorenz>(new Lorenz());
        var error = Assert.Throws<ArgumentException>(() => field.Evaluate(0, new double[5], new double[6], 2));
        Assert.Equal("y", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => field.Evaluate(0, new double[6], new double[6], -1));
    }

    // The batch runs the model's one formula on lanes with the same fused operations, so it matches to the bit.
    private static void AssertMatchesScalar<TModel>(TModel model, int count, double scale) where TModel : struct, ILaneField
    {
        var (y, expected) = ScalarReference(model, count, scale, seed: count);
        var dydt = new double[y.Length];
        new LaneBatchField<TModel>(model).Evaluate(0.5, y, dydt, count);
        Assert.Equal(expected, dydt);
    }

    // The formula on one group of lanes, each lane with its own parameters (parameter p of lane l at [p·W + l]).
    private static void EvaluateLanes<TLane>(Lorenz field, double[] parameters, double[] y, double[] dydt) where TLane : struct, ILane<TLane>
    {
        var p = new LaneVector<TLane>(parameters, 0, TLane.Count, 3);
        var state = new LaneVector<TLane>(y, 0, TLane.Count, 3);
        var derivative = new LaneVector<TLane>(dydt, 0, TLane.Count, 3);
        field.Derivative(in p, TLane.Create(0), in state, ref derivative);
    }

    // Random states in structure-of-arrays layout and the scalar model's derivatives in the same layout.
    private static (double[] Y, double[] Expected) ScalarReference<TModel>(TModel model, int count, double scale, int seed) where TModel : IVectorField
    {
        int n = model.Dimension;
        var random = new Random(seed);
        var y = new double[n * count];
        for (int i = 0; i < y.Length; i++) y[i] = scale * (2 * random.NextDouble() - 1);
        var expected = new double[n * count];
        var state = new double[n];
        var derivative = new double[n];
        for (int m = 0; m < count; m++)
        {
            for (int j = 0; j < n; j++) state[j] = y[j * count + m];
            model.Evaluate(0.5, state, derivative);
            for (int j = 0; j < n; j++) expected[j * count + m] = derivative[j];
        }

        return (y, expected);
    }
}
