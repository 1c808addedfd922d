package org.metahub.filters.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The built-in x86 names: GCC 15's {@code -march} extension sets and the x86-64 psABI levels, oldest first.
 * <p>
 * Each set is what GCC enables for {@code -march=<name>} (gcc/config/i386/i386.h, {@code PTA_*}, documented in
 * the manual's "x86 Options"), with three kinds of flag left out: GCC's pseudo-flags (64BIT, NO_SAHF, EVEX512);
 * HLE, whose XACQUIRE/XRELEASE prefixes CPUs without HLE ignore, so code built for Haswell still runs; and SGX,
 * which GCC never emits unasked, firmware may disable, and Intel dropped from later CPUs (GCC's own rocketlake
 * drops it). Keeping them would make znver1 not imply haswell and rocketlake not imply skylake.
 * LAHF/SAHF, implicit in GCC from core2 on, is spelled SAHF; AMD's ABM is spelled as what it enables, LZCNT and POPCNT.
 */
final class X86Microarchitectures {

	private static final List<X86Microarchitecture> ALL = build();

	private X86Microarchitectures() {
	}

	/** Every built-in name, oldest first within each family. */
	static List<X86Microarchitecture> all() {
		return ALL;
	}

	private static List<X86Microarchitecture> build() {
		List<X86Microarchitecture> all = new ArrayList<>();
		// x86-64 psABI levels; GCC spells CMPXCHG16B as CX16, LAHF-SAHF as SAHF, BMI1 as BMI, OSXSAVE as XSAVE
		X86Microarchitecture x8664 = add(all, "x86-64", null, "MMX", "SSE", "SSE2", "FXSR");
		X86Microarchitecture v2 = add(all, "x86-64-v2", x8664,
				"CX16", "SAHF", "POPCNT", "SSE3", "SSE4.1", "SSE4.2", "SSSE3");
		X86Microarchitecture v3 = add(all, "x86-64-v3", v2,
				"AVX", "AVX2", "BMI", "BMI2", "F16C", "FMA", "LZCNT", "MOVBE", "XSAVE");
		add(all, "x86-64-v4", v3, "AVX512F", "AVX512BW", "AVX512CD", "AVX512DQ", "AVX512VL");

		// Intel cores
		X86Microarchitecture nehalem = add(all, "nehalem", x8664,
				"SSE3", "SSSE3", "CX16", "SAHF", "SSE4.1", "SSE4.2", "POPCNT");
		X86Microarchitecture westmere = add(all, "westmere", nehalem, "PCLMUL");
		X86Microarchitecture sandybridge = add(all, "sandybridge", westmere, "AVX", "XSAVE", "XSAVEOPT");
		X86Microarchitecture ivybridge = add(all, "ivybridge", sandybridge, "FSGSBASE", "RDRND", "F16C");
		X86Microarchitecture haswell = add(all, "haswell", ivybridge,
				"AVX2", "BMI", "BMI2", "LZCNT", "FMA", "MOVBE");
		X86Microarchitecture broadwell = add(all, "broadwell", haswell, "ADX", "RDSEED", "PRFCHW");
		X86Microarchitecture skylake = add(all, "skylake", broadwell, "AES", "CLFLUSHOPT", "XSAVEC", "XSAVES");
		X86Microarchitecture skylakeAvx512 = add(all, "skylake-avx512", skylake,
				"AVX512F", "AVX512CD", "AVX512VL", "AVX512BW", "AVX512DQ", "PKU", "CLWB");
		X86Microarchitecture cascadelake = add(all, "cascadelake", skylakeAvx512, "AVX512VNNI");
		add(all, "cooperlake", cascadelake, "AVX512BF16");
		X86Microarchitecture cannonlake = add(all, "cannonlake", skylake,
				"AVX512F", "AVX512CD", "AVX512VL", "AVX512BW", "AVX512DQ", "PKU", "AVX512VBMI", "AVX512IFMA", "SHA");
		X86Microarchitecture icelakeClient = add(all, "icelake-client", cannonlake, "AVX512VNNI", "GFNI", "VAES",
				"AVX512VBMI2", "VPCLMULQDQ", "AVX512BITALG", "RDPID", "AVX512VPOPCNTDQ");
		add(all, "rocketlake", icelakeClient);
		X86Microarchitecture icelakeServer = add(all, "icelake-server", icelakeClient, "PCONFIG", "WBNOINVD", "CLWB");
		add(all, "tigerlake", icelakeClient,
				"MOVDIRI", "MOVDIR64B", "CLWB", "AVX512VP2INTERSECT", "KL", "WIDEKL");
		X86Microarchitecture sapphirerapids = add(all, "sapphirerapids", icelakeServer, "MOVDIRI", "MOVDIR64B",
				"ENQCMD", "CLDEMOTE", "PTWRITE", "WAITPKG", "SERIALIZE", "TSXLDTRK", "AMX-TILE", "AMX-INT8",
				"AMX-BF16", "UINTR", "AVXVNNI", "AVX512FP16", "AVX512BF16");
		add(all, "emeraldrapids", sapphirerapids);
		X86Microarchitecture graniterapids = add(all, "graniterapids", sapphirerapids, "AMX-FP16", "PREFETCHI");
		add(all, "graniterapids-d", graniterapids, "AMX-COMPLEX");

		// Intel Atom cores and the hybrid client parts built on them
		X86Microarchitecture silvermont = add(all, "silvermont", westmere, "MOVBE", "RDRND", "PRFCHW");
		X86Microarchitecture goldmont = add(all, "goldmont", silvermont, "AES", "SHA", "XSAVE", "RDSEED",
				"XSAVEC", "XSAVES", "CLFLUSHOPT", "XSAVEOPT", "FSGSBASE");
		X86Microarchitecture goldmontPlus = add(all, "goldmont-plus", goldmont, "RDPID", "PTWRITE");
		X86Microarchitecture tremont = add(all, "tremont", goldmontPlus,
				"CLWB", "GFNI", "MOVDIRI", "MOVDIR64B", "CLDEMOTE", "WAITPKG");
		X86Microarchitecture alderlake = add(all, "alderlake", tremont, "ADX", "AVX", "AVX2", "BMI", "BMI2",
				"F16C", "FMA", "LZCNT", "PCONFIG", "PKU", "VAES", "VPCLMULQDQ", "SERIALIZE", "HRESET", "KL",
				"WIDEKL", "AVXVNNI");
		add(all, "raptorlake", alderlake);
		add(all, "meteorlake", alderlake);
		X86Microarchitecture sierraforest = add(all, "sierraforest", alderlake,
				"AVXIFMA", "AVXVNNIINT8", "AVXNECONVERT", "CMPCCXADD", "ENQCMD", "UINTR");
		add(all, "grandridge", sierraforest);
		add(all, "clearwaterforest", sierraforest,
				"AVXVNNIINT16", "SHA512", "SM3", "SM4", "USER_MSR", "PREFETCHI");
		X86Microarchitecture arrowlake = add(all, "arrowlake", alderlake,
				"AVXIFMA", "AVXVNNIINT8", "AVXNECONVERT", "CMPCCXADD", "UINTR");
		X86Microarchitecture arrowlakeS = add(all, "arrowlake-s", arrowlake, "AVXVNNIINT16", "SHA512", "SM3", "SM4");
		add(all, "pantherlake", arrowlakeS, "PREFETCHI");

		// AMD
		X86Microarchitecture bdver1 = add(all, "bdver1", x8664, "SSE3", "SSE4A", "CX16", "SAHF", "LZCNT", "POPCNT",
				"SSSE3", "SSE4.1", "SSE4.2", "AES", "PCLMUL", "AVX", "FMA4", "XOP", "LWP", "PRFCHW", "XSAVE");
		X86Microarchitecture bdver2 = add(all, "bdver2", bdver1, "BMI", "TBM", "F16C", "FMA");
		X86Microarchitecture bdver3 = add(all, "bdver3", bdver2, "XSAVEOPT", "FSGSBASE");
		add(all, "bdver4", bdver3, "AVX2", "BMI2", "RDRND", "MOVBE", "MWAITX");
		X86Microarchitecture znver1 = add(all, "znver1", x8664, "SSE3", "SSE4A", "CX16", "SAHF", "LZCNT", "POPCNT",
				"SSSE3", "SSE4.1", "SSE4.2", "AES", "PCLMUL", "AVX", "AVX2", "BMI", "BMI2", "F16C", "FMA", "PRFCHW",
				"XSAVE", "XSAVEOPT", "FSGSBASE", "RDRND", "MOVBE", "MWAITX", "ADX", "RDSEED", "CLZERO",
				"CLFLUSHOPT", "XSAVEC", "XSAVES", "SHA");
		X86Microarchitecture znver2 = add(all, "znver2", znver1, "CLWB", "RDPID", "WBNOINVD");
		X86Microarchitecture znver3 = add(all, "znver3", znver2, "VAES", "VPCLMULQDQ", "PKU");
		X86Microarchitecture znver4 = add(all, "znver4", znver3, "AVX512F", "AVX512DQ", "AVX512IFMA", "AVX512CD",
				"AVX512BW", "AVX512VL", "AVX512BF16", "AVX512VBMI", "AVX512VBMI2", "GFNI", "AVX512VNNI",
				"AVX512BITALG", "AVX512VPOPCNTDQ");
		add(all, "znver5", znver4, "AVXVNNI", "MOVDIRI", "MOVDIR64B", "AVX512VP2INTERSECT", "PREFETCHI");
		return Collections.unmodifiableList(all);
	}

	private static X86Microarchitecture add(List<X86Microarchitecture> all, String name, X86Microarchitecture base,
			String... added) {
		X86Microarchitecture entry = X86Microarchitecture.of("cpu:" + name, base, added);
		all.add(entry);
		return entry;
	}

}
