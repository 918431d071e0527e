using BenchmarkDotNet.Attributes;
using Dynamics.Solvers.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Benchmarks;

/// <summary>
/// The measurement behind the hand-written LU: one factorisation and solve of a diagonally dominant n × n system, as
/// in every stiff step, with MathNet's <c>Matrix.LU().Solve</c> (the baseline, which allocates a factorisation per call)
/// against <see cref="DenseLu"/> (no allocation). n = 3 (Robertson), 20 (Pollution), 80.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StiffLinearAlgebraBenchmarks
{
    private double[] _values = [];
    private double[] _rhs = [];
    private double[] _x = [];
    private Matrix<double> _matrix = Matrix<double>.Build.Dense(1, 1);
    private Vector<double> _vector = Vector<double>.Build.Dense(1);
    private DenseLu _lu = new(1);

    /// <summary>The system size.</summary>
    [Params(3, 20, 80)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _values = new double[N * N];
        for (int k = 0; k < _values.Length; k++) _values[k] = random.NextDouble() - 0.5;
        for (int i = 0; i < N; i++) _values[i * N + i] += N;
        _rhs = [.. Enumerable.Range(0, N).Select(_ => random.NextDouble())];
        _x = new double[N];
        _matrix = Matrix<double>.Build.DenseOfRowMajor(N, N, _values);
        _vector = Vector<double>.Build.DenseOfArray(_rhs);
        _lu = new DenseLu(N);
    }

    [Benchmark(Baseline = true)]
    public Vector<double> MathNetLuSolve() => _matrix.LU().Solve(_vector);

    [Benchmark]
    public double[] DenseLuSolve()
    {
        _values.CopyTo(_lu.Matrix);
        _lu.Factor();
        _rhs.CopyTo(_x, 0);
        _lu.Solve(_x);
        return _x;
    }
}
