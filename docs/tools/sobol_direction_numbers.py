"""Writes plugin/src/main/resources/org/ganeval4j/image/internal/joe-kuo-6.21201-d1000.txt.

The Sobol' direction numbers of S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, file new-joe-kuo-6.21201
(https://web.maths.unsw.edu.au/~fkuo/sobol/), BSD-style licence (see NOTICE-joe-kuo.txt beside the
resource). The numbers are published constants; this script reads the copy that SciPy ships with its
qmc.Sobol engine (scipy/stats/_sobol_direction_numbers.npz: 'poly' holds each primitive
polynomial with its leading and constant bits, 'vinit' the initial direction numbers m_1..m_s) and
writes the first 1,000 dimensions back in Joe and Kuo's own text layout:

    d  s  a  m_1 m_2 ... m_s

for d = 2..1000 (dimension 1 is the van der Corput sequence and has no line), where s is the degree
of the primitive polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 and a = a_1 ... a_(s-1) in binary.
No SciPy code is used or copied. Run once: python3 docs/tools/sobol_direction_numbers.py
"""
import os
import numpy as np
import scipy.stats

DIMS = 1000
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "..", "plugin", "src", "main", "resources", "org", "ganeval4j", "image",
                   "internal", "joe-kuo-6.21201-d1000.txt")
npz = np.load(os.path.join(os.path.dirname(scipy.stats.__file__), "_sobol_direction_numbers.npz"))
poly, vinit = npz["poly"], npz["vinit"]
lines = ["# Sobol' direction numbers of Joe & Kuo (2008), new-joe-kuo-6.21201, dimensions 2..%d." % DIMS,
         "# Copyright (c) 2008, Frances Y. Kuo and Stephen Joe; BSD-style licence, see NOTICE-joe-kuo.txt.",
         "# Written by docs/tools/sobol_direction_numbers.py. Columns: d s a m_1 .. m_s",
         "d s a m_i"]
for i in range(1, DIMS):
    p = int(poly[i])
    s = p.bit_length() - 1
    a = (p >> 1) & ((1 << (s - 1)) - 1)
    m = [int(v) for v in vinit[i, :s]]
    assert all(v % 2 == 1 and v < (1 << (j + 1)) for j, v in enumerate(m)), (i, m)
    assert p == (1 << s) | (a << 1) | 1
    lines.append(" ".join(str(v) for v in [i + 1, s, a] + m))
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(out, len(lines) - 4, "dimensions")
