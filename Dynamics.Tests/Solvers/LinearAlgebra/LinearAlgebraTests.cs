using Dynamics.Solvers.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Tests.Solvers.LinearAlgebra;

/// <summary>The hand-written LU kernels against MathNet's solves on random systems, and singular matrices reported.</summary>
public class LinearAlgebraTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(20)]
    public void Dense_lu_solves_like_mathnet(int n)
    {
        var random = new Random(n);
        var values = new double[n * n];
        for (int k = 0; k < values.Length; k++) values[k] = random.NextDouble() - 0.5;
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var lu = new DenseLu(n);
        values.CopyTo(lu.Matrix);
        Assert.True(lu.Factor());
        var x = (double[])b.Clone();
        lu.Solve(x);
        var expected = Matrix<double>.Build.DenseOfRowMajor(n, n, values).Solve(Vector<double>.Build.DenseOfArray(b));
        for (int i = 0; i < n; i++) Assert.Equal(expected[i], x[i], 1e-10 * Math.Max(1, Math.Abs(expected[i])));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(20)]
    public void Complex_lu_solves_like_mathnet(int n)
    {
        var random = new Random(100 + n);
        var lu = new ComplexDenseLu(n);
        var matrix = Matrix<System.Numerics.Complex>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double re = random.NextDouble() - 0.5, im = random.NextDouble() - 0.5;
                lu.Real[i * n + j] = re;
                lu.Imaginary[i * n + j] = im;
                matrix[i, j] = new System.Numerics.Complex(re, im);
            }
        }

        var br = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var bi = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var expected = matrix.Solve(Vector<System.Numerics.Complex>.Build.Dense(n, i => new System.Numerics.Complex(br[i], bi[i])));
        Assert.True(lu.Factor());
        lu.Solve(br, bi);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i].Real, br[i], 1e-10 * Math.Max(1, expected[i].Magnitude));
            Assert.Equal(expected[i].Imaginary, bi[i], 1e-10 * Math.Max(1, expected[i].Magnitude));
        }
    }

    [Fact]
    public void Singular_matrices_are_reported_not_divided_by_zero()
    {
        var lu = new DenseLu(3);
        double[] rankTwo = [1, 2, 3, 2, 4, 6, 1, 0, 1];
        rankTwo.CopyTo(lu.Matrix);
        Assert.False(lu.Factor());
        var complex = new ComplexDenseLu(2);
        complex.Real.Clear();
        complex.Imaginary.Clear();
        Assert.False(complex.Factor());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DenseLu(0));
    }
}
