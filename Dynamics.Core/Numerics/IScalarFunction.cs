namespace Dynamics.Numerics;

/// <summary>A real function of one variable, written as a struct so generic root finders inline it.</summary>
public interface IScalarFunction
{
    /// <summary>Evaluates the function at <paramref name="x"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The value.</returns>
    double Evaluate(double x);
}
