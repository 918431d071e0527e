using System.Diagnostics;
using System.Text.Json;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Simd;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Dynamics.Benchmarks -- quick</c>: the headline figures in well under two minutes,
/// as one JSON object. Each figure is the median of several timed runs after a warm-up run (Stopwatch, not
/// BenchmarkDotNet, to stay quick); the BenchmarkDotNet suites give the careful numbers. <c>quick diffusion</c> runs
/// only the diffusion figures (compare with scripts/numpy-diffusion.sh in the same window).
/// </summary>
internal static class QuickCommand
{
    /// <summary>
    /// <c>quick single</c>, <c>quick lanes</c>, <c>quick rk4</c> or <c>quick estimators</c> run one figure only, with its one-thread CPU time per
    /// solve as well: on a loaded machine a short A/B of one change needs neither the others nor the wall clock.
    /// <c>quick diffusion</c> runs the diffusion figures.
    /// </summary>
    public static int Run(string[] sections)
    {
        if (sections.FirstOrDefault() == "diffusion")
        {
            Console.WriteLine(JsonSerializer.Serialize(DiffusionWorkload.Quick()));
            return 0;
        }

        if (sections.Length > 0) return RunSection(sections[0]);
        var starts = LorenzWorkload.Starts(LorenzWorkload.Members);
        var soa = LorenzWorkload.StructureOfArrays(starts);

        // (a) fixed-step RK4, dt = 0.01, 1,000 steps, lockstep.
        var shared = LorenzWorkload.SharedProblem(starts, 10);
        var rk4Method = new RungeKutta4();
        EnsembleSolution? rk4 = null;
        double rk4Seconds = Median(7, () => rk4 = Ensemble.Solve(shared, rk4Method, EnsembleStrategy.Lockstep, EnsembleBenchmarks.Rk4Options));

        // The same workload through the hand-written Vector512 kernel, in the same process: the ratio is what to quote.
        double handWrittenSeconds = Median(7, () => HandWrittenLorenzRk4.Solve(soa, LorenzWorkload.Members, 0.01, 1000));

        // (b) adaptive DP5, rtol = atol = 1e-6, t ∈ [0, 10], per-lane adaptive SIMD.
        var problem = LorenzWorkload.Problem(starts, 10, sweep: false);
        var dp5Method = new DormandPrince5();
        EnsembleSolution? dp5 = null;
        double dp5Seconds = Median(5, () => dp5 = Ensemble.Solve(problem, dp5Method, EnsembleStrategy.SimdLanes, EnsembleBenchmarks.Dp5Options));

        // One trajectory: DP5 on Lorenz from (1, 1, 1) over [0, 20] at rtol = atol = 1e-8.
        var single = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End };
        var method = new DormandPrince5();
        Solution? trajectory = null;
        double singleSeconds = Median(301, () => trajectory = Ode.Solve(TrajectoryProblems.LorenzProblem, method, single));

        // (c) Monte Carlo of the Gumbel-softmax gradient, K = 10, τ = 0.5 (compare with scripts/numpy-estimators.sh in the same window).
        double gumbelSeconds = Median(7, GumbelSoftmaxRun(-1));

        var kde = MonoFlowWorkload.Quick();
        var result = new Dictionary<string, object>
        {
            ["gumbel_softmax_k10_samples_per_s"] = Math.Round(1_000_000 / gumbelSeconds),
            ["kde_log_ratio_pairs_per_s_n10000_2d"] = Math.Round(kde.PairsPerSecond),
            ["kde_log_ratio_bytes_per_call"] = kde.BytesPerCall,
            ["rk4_ensemble_system_steps_per_s"] = Math.Round(rk4!.TotalStatistics.AcceptedSteps / rk4Seconds),
            ["rk4_hand_written_system_steps_per_s"] = Math.Round(LorenzWorkload.Members * 1000.0 / handWrittenSeconds),
            ["dp5_ensemble_members_per_s"] = Math.Round(LorenzWorkload.Members / dp5Seconds),
            ["dp5_ensemble_mean_accepted_steps"] = Math.Round((double)dp5!.TotalStatistics.AcceptedSteps / dp5.Count, 1),
            ["dp5_ensemble_mean_rejected_steps"] = Math.Round((double)dp5.TotalStatistics.RejectedSteps / dp5.Count, 1),
            ["lorenz_dp5_1e-8_us"] = Math.Round(singleSeconds * 1e6, 1),
            ["lorenz_dp5_1e-8_rhs"] = trajectory!.Statistics.RhsEvaluations,
            ["lorenz_dp5_1e-8_error"] = TrajectoryProblems.Error(TrajectoryProblems.Lorenz, trajectory.FinalState),
            ["lorenz_initial_state"] = new[] { 1.0, 1.0, 1.0 },
            ["allocated_bytes_per_step"] = AllocatedBytesPerStep(),
            ["cores"] = Environment.ProcessorCount,
            ["vector_width_doubles"] = Lanes.Width,
            ["avx512"] = Lane512.IsHardwareAccelerated,
        };
        foreach (var (key, value) in DiffusionWorkload.Quick()) result[key] = value;
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    // (c)'s workload: 10⁶ samples of the Gumbel-softmax gradient, K = 10, τ = 0.5, on all cores (−1) or one thread.
    private static Action GumbelSoftmaxRun(int threads)
    {
        var kernel = new Models.Estimators.GumbelSoftmaxMonteCarlo([.. Enumerable.Range(0, 10).Select(i => -1 + 2.0 * i / 9)],
            new Models.Estimators.SimplexObjective([.. Enumerable.Range(0, 10).Select(i => Math.Cos(i))]), 0.5, maxDegreeOfParallelism: threads);
        var mean = new double[10];
        var variance = new double[10];
        return () => kernel.Run(12345, 1_000_000, mean, variance);
    }

    private static void Repeat(int times, Action action)
    {
        for (int i = 0; i < times; i++) action();
    }

    private static int RunSection(string section)
    {
        var result = new Dictionary<string, object>();
        switch (section)
        {
            case "single":
                var single = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End };
                var method = new DormandPrince5();
                Solution? trajectory = null;
                result["lorenz_dp5_1e-8_us"] = Math.Round(Median(301, () => trajectory = Ode.Solve(TrajectoryProblems.LorenzProblem, method, single)) * 1e6, 1);
                result["lorenz_dp5_1e-8_cpu_us"] = Math.Round(MedianCpu(301, () => trajectory = Ode.Solve(TrajectoryProblems.LorenzProblem, method, single)) * 1e6, 1);
                result["lorenz_dp5_1e-8_rhs"] = trajectory!.Statistics.RhsEvaluations;
                result["lorenz_dp5_1e-8_error"] = TrajectoryProblems.Error(TrajectoryProblems.Lorenz, trajectory.FinalState);
                break;
            case "lanes":
                var starts = LorenzWorkload.Starts(LorenzWorkload.Members);
                var problem = LorenzWorkload.Problem(starts, 10, sweep: false);
                var dp5 = new DormandPrince5();
                var oneThread = EnsembleBenchmarks.Dp5Options with { MaxDegreeOfParallelism = 1 };
                EnsembleSolution? lanes = null;
                result["dp5_ensemble_members_per_s"] = Math.Round(LorenzWorkload.Members / Median(5, () => lanes = Ensemble.Solve(problem, dp5, EnsembleStrategy.SimdLanes, EnsembleBenchmarks.Dp5Options)));
                // Solved again into the previous solution's storage, as the C++ baseline reuses its arrays.
                var lanesStorage = lanes!;
                result["dp5_ensemble_reused_members_per_s"] = Math.Round(LorenzWorkload.Members / Median(5, () => Ensemble.Solve(problem, dp5, EnsembleStrategy.SimdLanes, EnsembleBenchmarks.Dp5Options, lanesStorage)));
                double libraryCpu = MedianCpu(3, () => lanes = Ensemble.Solve(problem, dp5, EnsembleStrategy.SimdLanes, oneThread));
                result["dp5_ensemble_members_per_cpu_s_one_thread"] = Math.Round(LorenzWorkload.Members / libraryCpu);
                result["dp5_ensemble_reused_members_per_cpu_s_one_thread"] = Math.Round(LorenzWorkload.Members / MedianCpu(3, () => Ensemble.Solve(problem, dp5, EnsembleStrategy.SimdLanes, oneThread, lanesStorage)));
                // The C++ kernel transcribed to Vector512 for Lorenz (8 lanes, the C++ baseline's width), in the same process.
                double handWrittenCpu = MedianCpu(3, () => Baselines.HandWrittenLorenzDp5Lanes.Solve<Baselines.HandWrittenLorenzDp5Lanes.InlineMath>(starts, 1, 1));
                result["dp5_hand_written_members_per_cpu_s_one_thread"] = Math.Round(LorenzWorkload.Members / handWrittenCpu);
                result["dp5_library_over_hand_written"] = Math.Round(handWrittenCpu / libraryCpu, 3);
                // Two groups of eight in turn, the library's arrangement for a register-kernel field.
                double handWrittenPairCpu = MedianCpu(3, () => Baselines.HandWrittenLorenzDp5Lanes.Solve<Baselines.HandWrittenLorenzDp5Lanes.InlineMath>(starts, 2, 1));
                result["dp5_hand_written_2x8_members_per_cpu_s_one_thread"] = Math.Round(LorenzWorkload.Members / handWrittenPairCpu);
                result["dp5_ensemble_mean_accepted_steps"] = Math.Round((double)lanes!.TotalStatistics.AcceptedSteps / lanes.Count, 1);
                result["dp5_ensemble_mean_rejected_steps"] = Math.Round((double)lanes.TotalStatistics.RejectedSteps / lanes.Count, 1);
                break;
            case "rk4":
                var rk4Starts = LorenzWorkload.Starts(LorenzWorkload.Members);
                var shared = LorenzWorkload.SharedProblem(rk4Starts, 10);
                var soa = LorenzWorkload.StructureOfArrays(rk4Starts);
                var rk4 = new RungeKutta4();
                var rk4OneThread = EnsembleBenchmarks.Rk4Options with { MaxDegreeOfParallelism = 1 };
                // The same solve in batches of 4,096 (16 × the default), to see what the per-batch cost is worth.
                var rk4LargeBatches = rk4OneThread with { BatchSize = 4096 };
                // Each solve as a parameter sweep repeats it: into the storage of the previous solution (`reuse`), as the
                // C++ baseline reuses its arrays, and, beside it, into fresh result arrays that the workers first touch.
                var storage = Ensemble.Solve(shared, rk4, EnsembleStrategy.Lockstep, EnsembleBenchmarks.Rk4Options);
                double libraryWall = Median(7, () => Ensemble.Solve(shared, rk4, EnsembleStrategy.Lockstep, EnsembleBenchmarks.Rk4Options));
                double reusedWall = Median(7, () => Ensemble.Solve(shared, rk4, EnsembleStrategy.Lockstep, EnsembleBenchmarks.Rk4Options, storage));
                double handWrittenWall = Median(7, () => HandWrittenLorenzRk4.Solve(soa, LorenzWorkload.Members, 0.01, 1000));
                result["rk4_ensemble_system_steps_per_s"] = Math.Round(LorenzWorkload.Members * 1000.0 / libraryWall);
                result["rk4_ensemble_reused_system_steps_per_s"] = Math.Round(LorenzWorkload.Members * 1000.0 / reusedWall);
                result["rk4_hand_written_system_steps_per_s"] = Math.Round(LorenzWorkload.Members * 1000.0 / handWrittenWall);
                // What all cores give over one, by the wall clock, for each (meaningful only when the machine is otherwise idle).
                result["rk4_ensemble_all_cores_speedup"] = Math.Round(Median(7, () => Ensemble.Solve(shared, rk4, EnsembleStrategy.Lockstep, rk4OneThread)) / libraryWall, 3);
                result["rk4_ensemble_reused_all_cores_speedup"] = Math.Round(Median(7, () => Ensemble.Solve(shared, rk4, EnsembleStrategy.Lockstep, rk4OneThread, storage)) / reusedWall, 3);
                result["rk4_hand_written_all_cores_speedup"] = Math.Round(Median(7, () => HandWrittenLorenzRk4.Solve(soa, LorenzWorkload.Members, 0.01, 1000, maxDegreeOfParallelism: 1)) / handWrittenWall, 3);
                // Library (fresh and reused) and hand-written kernel alternated three times in this process (medians of
                // each), so a change of load between them does not pass for a difference of the kernels.
                double[] rk4Cpu = new double[3], rk4ReusedCpu = new double[3], rk4LargeBatchesCpu = new double[3], rk4HandWrittenCpu = new double[3];
                for (int round = 0; round < 3; round++)
                {
                    rk4Cpu[round] = MedianCpu(5, () => Ensemble.Solve(shared, rk4, EnsembleStrategy.Lockstep, rk4OneThread));
                    rk4ReusedCpu[round] = MedianCpu(5, () => Ensemble.Solve(shared, rk4, EnsembleStrategy.Lockstep, rk4OneThread, storage));
                    rk4LargeBatchesCpu[round] = MedianCpu(5, () => Ensemble.Solve(shared, rk4, EnsembleStrategy.Lockstep, rk4LargeBatches));
                    rk4HandWrittenCpu[round] = MedianCpu(5, () => HandWrittenLorenzRk4.Solve(soa, LorenzWorkload.Members, 0.01, 1000, maxDegreeOfParallelism: 1));
                }

                double rk4CpuMedian = MedianOf(rk4Cpu), rk4ReusedCpuMedian = MedianOf(rk4ReusedCpu), rk4HandWrittenCpuMedian = MedianOf(rk4HandWrittenCpu);
                result["rk4_ensemble_system_steps_per_cpu_s_one_thread"] = Math.Round(LorenzWorkload.Members * 1000.0 / rk4CpuMedian);
                result["rk4_ensemble_reused_system_steps_per_cpu_s_one_thread"] = Math.Round(LorenzWorkload.Members * 1000.0 / rk4ReusedCpuMedian);
                result["rk4_ensemble_batch_4096_system_steps_per_cpu_s_one_thread"] = Math.Round(LorenzWorkload.Members * 1000.0 / MedianOf(rk4LargeBatchesCpu));
                result["rk4_hand_written_system_steps_per_cpu_s_one_thread"] = Math.Round(LorenzWorkload.Members * 1000.0 / rk4HandWrittenCpuMedian);
                result["rk4_library_over_hand_written_cpu"] = Math.Round(rk4HandWrittenCpuMedian / rk4CpuMedian, 3);
                result["rk4_library_reused_over_hand_written_cpu"] = Math.Round(rk4HandWrittenCpuMedian / rk4ReusedCpuMedian, 3);
                break;
            case "estimators":
                // Wall clock (the process's CPU time ticks in 10 ms, too coarse for a 40 ms run) on every core and on one
                // thread; then the per-draw cost of the random fills (the kernel starts from FillGumbel; FillExponential is the
                // one-sided ziggurat with the same fast path, for comparison), one thread, 2²² draws a run.
                result["gumbel_softmax_k10_samples_per_s"] = Math.Round(1_000_000 / Median(7, GumbelSoftmaxRun(-1)));
                result["gumbel_softmax_k10_samples_per_s_one_thread"] = Math.Round(1_000_000 / Median(7, GumbelSoftmaxRun(1)));
                var draws = new double[1 << 16];
                result["fill_uniform_ns_per_draw"] = Math.Round(Median(11, () => Repeat(64, () => Numerics.CounterRandom.FillUniform(12345, 0, 10, draws))) * 1e9 / (64 << 16), 3);
                result["fill_exponential_ns_per_draw"] = Math.Round(Median(11, () => Repeat(64, () => Numerics.CounterRandom.FillExponential(12345, 0, 10, draws))) * 1e9 / (64 << 16), 3);
                result["fill_gumbel_ns_per_draw"] = Math.Round(Median(11, () => Repeat(64, () => Numerics.CounterRandom.FillGumbel(12345, 0, 10, draws))) * 1e9 / (64 << 16), 3);
                break;
            default:
                Console.Error.WriteLine($"Unknown quick section '{section}': use single, lanes, rk4 or estimators.");
                return 2;
        }

        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The median CPU time of the process (all threads) over <paramref name="runs"/> runs, after the same warm-up as <see cref="Median"/>.</summary>
    public static double MedianCpu(int runs, Action action)
    {
        var process = Process.GetCurrentProcess();
        var warmUp = Stopwatch.StartNew();
        do action();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1));
        var seconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            process.Refresh();
            var start = process.TotalProcessorTime;
            action();
            process.Refresh();
            seconds[i] = (process.TotalProcessorTime - start).TotalSeconds;
        }

        return MedianOf(seconds);
    }

    /// <summary>
    /// The median wall time of <paramref name="runs"/> runs after untimed warm-up runs for at least two seconds: the
    /// JIT first runs methods unoptimised (and loops through on-stack replacement) and recompiles them with profile
    /// data only after many calls, so a single warm-up run can measure code two to three times slower than the
    /// steady state that BenchmarkDotNet's warm-up reaches.
    /// </summary>
    public static double Median(int runs, Action action)
    {
        var warmUp = Stopwatch.StartNew();
        do action();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2));
        var seconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        return MedianOf(seconds);
    }

    // The middle value once sorted (the upper middle of an even count); sorts the array in place.
    private static double MedianOf(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    // Bytes the current thread allocates per DP5 step on Lorenz after set-up (the integrator every path builds on).
    private static double AllocatedBytesPerStep()
    {
        var integrator = Ode.CreateIntegrator(TrajectoryProblems.LorenzProblem.WithTimeSpan(0, 1e6), new DormandPrince5(), SolverOptions.WithTolerance(1e-8));
        for (int i = 0; i < 100; i++) integrator.Step();
        const int steps = 100_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++) integrator.Step();
        return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / steps;
    }
}
