"""The GIL is released while dabir works: other Python threads run meanwhile, and
threads share one Normalizer or Pipeline safely."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import dabir

SENTENCE = "كتابهاي او را ميخواند و مي گفت كه اين كتاب ها خوب است. "


def _progress_during(call):
    """How many times another thread ran Python code while `call` ran.

    With the GIL held for the whole call (no `Python::detach`), the main thread could
    not run at all inside it: the native code never gives the GIL up by itself.
    """
    samples = []
    window = []
    done = threading.Event()

    def worker():
        t0 = time.perf_counter()
        call()
        t1 = time.perf_counter()
        window.extend([t0, t1])
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    while not done.is_set():
        samples.append(time.perf_counter())
        time.sleep(0.0005)  # releases the GIL too
    thread.join()
    t0, t1 = window
    # away from the call's edges, where the worker still runs Python code
    lo, hi = t0 + 0.01, t1 - 0.01
    return sum(1 for t in samples if lo < t < hi), t1 - t0


def test_gil_is_released_during_analyze():
    # the pipeline runs detached; reading its JSON into Python objects (most of the
    # call's time) needs the GIL
    text = SENTENCE * 1000
    ran, took = _progress_during(lambda: dabir.analyze(text))
    assert ran >= 3, f"another thread ran {ran} times during a {took:.3f} s call"


def test_gil_is_released_during_normalize():
    text = SENTENCE * 20000
    ran, took = _progress_during(lambda: dabir.normalize(text))
    assert ran >= 3, f"another thread ran {ran} times during a {took:.3f} s call"


def test_gil_is_released_during_lemmatize():
    words = dabir.word_tokenize(SENTENCE * 2000, split_clitics=True)
    ran, took = _progress_during(lambda: dabir.lemmatize(words))
    assert ran >= 3, f"another thread ran {ran} times during a {took:.3f} s call"


def test_threads_share_objects_and_agree():
    normalizer = dabir.Normalizer()
    pipeline = dabir.Pipeline()
    texts = [SENTENCE * (i % 5 + 1) for i in range(40)]
    expected = [(normalizer.normalize(t), pipeline.analyze(t)) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: (normalizer.normalize(t), pipeline.analyze(t)), texts))
    assert got == expected
