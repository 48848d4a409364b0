"""pytorch-fid's command line (`python -m pytorch_fid --save-stats DIR OUT.npz --device cpu`), run from the fetched
source with the FID weights download replaced by the calibrated random file of the real layout
(../shared/testdata/fid-inception-random.pth). Dev tool (timing anchor), never in CI.
usage: /usr/bin/python3 pytorch_fid_save_stats.py DIR OUT.npz [extra pytorch-fid options]"""
import sys
sys.path.insert(0, '/tmp/anch/pytorch-fid/src')
import torch
from pytorch_fid import inception, fid_score
inception.load_state_dict_from_url = lambda url, progress=True: torch.load('/work/shared/testdata/fid-inception-random.pth', map_location='cpu')
sys.argv = ['pytorch_fid', '--save-stats', sys.argv[1], sys.argv[2], '--device', 'cpu'] + sys.argv[3:]
fid_score.main()
