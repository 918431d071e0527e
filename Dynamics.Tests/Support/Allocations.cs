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

    /// <summary>
    /// As <see cref="LeastOfThree"/>, over rounds in which no garbage collection happened, each round running the work
    /// once unmeasured and then once measured. A collection frees what the runtime caches behind weak references and
    /// rebuilds on the next use, on the using thread: a type's reflection cache (<c>typeof(T).Name</c> allocates
    /// 208 B after a collection, and LaneField.WriteParameters reads it for each member it loads). With other tests
    /// collecting in parallel under load, a lane worker that allocates nothing per step or member showed those 208 B.
    /// A per-step or per-member allocation shows in a round without a collection as in any other.
    /// </summary>
    /// <param name="measure">Runs the work once and returns the bytes it allocated.</param>
    /// <exception cref="InvalidOperationException">A collection happened in each of 20 rounds, so nothing was measured.</exception>
    public static long LeastOfThreeWithoutCollections(Func<long> measure)
    {
        long least = long.MaxValue;
        int measured = 0;
        for (int round = 0; round < 20 && measured < 3 && least > 0; round++)
        {
            int collections = GC.CollectionCount(0);
            measure();
            long bytes = measure();
            if (GC.CollectionCount(0) != collections) continue;
            measured++;
            least = Math.Min(least, bytes);
        }

        return measured > 0 ? least : throw new InvalidOperationException("A garbage collection happened in each of 20 rounds, so no round measured the work alone.");
    }

    /// <summary>Bytes the current thread allocates while <paramref name="work"/> runs.</summary>
    public static long During(Action work)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
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
