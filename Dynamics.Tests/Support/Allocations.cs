using Dynamics.Fields;
using Dynamics.Solvers;

namespace Dynamics.Tests.Support;

/// <summary>
/// Measures steady-state heap allocation with the thread's allocation counter. The runtime may allocate a few bytes on
/// the test thread once (loading a type or installing tiered code met for the first time), which is not the code under
/// test and made a 10,000-step measurement flaky (176 bytes, once, in CI). Work that allocates per step or per member
/// allocates in every repetition, so the same measured work runs up to three times and the least count is returned.
/// </summary>
public static class Allocations
{
    /// <summary>The least of up to three measurements; stops at the first that allocates nothing.</summary>
    /// <param name="measure">Runs the work once and returns the bytes it allocated.</param>
    public static long LeastOfThree(Func<long> measure)
    {
        long least = long.MaxValue;
        for (int round = 0; round < 3 && least > 0; round++) least = Math.Min(least, measure());
        return least;
    }

    /// <summary>Bytes the current thread allocates while <paramref name="work"/> runs.</summary>
    public static long During(Action work)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// As <see cref="During"/>, right after a full garbage collection. A collection frees what is cached behind weak
    /// references, and the next use rebuilds it on the using thread: the runtime's reflection cache of a type, for one
    /// (<c>typeof(T).Name</c> allocates 208 B after a collection). Code that reads such a cache on its hot path
    /// allocated only when another test happened to collect, so a lane worker's test failed under load and passed
    /// alone; measured after a collection, such code fails every time.
    /// </summary>
    /// <param name="work">The work to measure.</param>
    /// <returns>The bytes allocated.</returns>
    public static long DuringAfterCollection(Action work)
    {
        GC.Collect();
        return During(work);
    }

    /// <summary>Steady-state bytes allocated by 10,000 steps, each followed by an interpolation in the middle of the step.</summary>
    public static long OfSteppingAndInterpolating<TField>(Integrator<TField> integrator, double[] state)
        where TField : IVectorField => LeastOfThree(() => During(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                integrator.Step();
                integrator.Interpolate(0.5 * (integrator.PreviousTime + integrator.Time), state);
            }
        }));
}
