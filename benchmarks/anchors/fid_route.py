"""pytorch-fid's route for the Frechet distance between two .npz statistics files: numpy.load of mu/sigma and
pytorch_fid.fid_score.calculate_frechet_distance (scipy.linalg.sqrtm of sigma1.dot(sigma2)), imported from the
fetched pytorch-fid source (mseitzer/pytorch-fid, src/pytorch_fid/fid_score.py, calculate_frechet_distance).
Dev tool (timing anchor), never in CI. usage: python3 fid_route.py A.npz B.npz"""
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, '/tmp/anch/pytorch-fid/src')
import numpy as np
from pytorch_fid.fid_score import calculate_frechet_distance
t1 = time.perf_counter()
a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
m1, s1, m2, s2 = a['mu'], a['sigma'], b['mu'], b['sigma']
t2 = time.perf_counter()
fid = calculate_frechet_distance(m1, s1, m2, s2)
t3 = time.perf_counter()
import scipy
print(fid)
print('import %.2f s, load %.2f s, calculate_frechet_distance %.2f s (scipy %s, numpy %s)' % (t1 - t0, t2 - t1, t3 - t2,
      scipy.__version__, np.__version__), file=sys.stderr)
